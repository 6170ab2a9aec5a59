package io.tributary.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/**
 * A Spring Boot service run as a separate process from its executable jar, on a given port, whose
 * readiness is its Actuator health. Used by the local stack and by the system tests, which run the
 * services against other brokers on other ports:
 *
 * <pre>{@code
 * ServiceProcess gateway = ServiceProcess.builder("gateway", Path.of("gateway/target/gateway-0.1.0-SNAPSHOT-exec.jar"))
 *         .port(18080)
 *         .env("SPRING_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers())
 *         .logFile(Path.of("target/gateway.log"))
 *         .start()
 *         .awaitHealthy(Duration.ofSeconds(120));
 * ...
 * gateway.stop();
 * }</pre>
 */
public final class ServiceProcess {

    /** How long {@link #stop()} waits after SIGTERM: Spring Boot's graceful shutdown phase is 30 s by default. */
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(35);

    private static final int TAIL_LINES = 40;
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(250);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();

    private final ChildProcess process;
    private final int port;

    private ServiceProcess(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * @param name what the service is called in messages and the default log file name
     * @param jar the service's executable jar
     */
    public static Builder builder(String name, Path jar) {
        return new Builder(name, jar);
    }

    public String name() {
        return process.name();
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return process.logFile();
    }

    /** {@code http://localhost:PORT}. */
    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public URI healthUri() {
        return URI.create(baseUrl() + "/actuator/health");
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Completes when the process has ended. */
    public CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /** The exit code of an ended process. */
    public int exitValue() {
        return process.exitValue();
    }

    /** One probe: whether the health endpoint answers {@code "status":"UP"} now. */
    public boolean isHealthy() {
        return isHealthy(healthUri());
    }

    /** One probe of any service's health endpoint ({@code http://host:port/actuator/health}). */
    public static boolean isHealthy(URI healthUri) {
        HttpRequest request = HttpRequest.newBuilder(healthUri).timeout(PROBE_TIMEOUT).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().replace(" ", "").contains("\"status\":\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Waits until the service is healthy.
     *
     * @return this service, for chaining
     * @throws ServiceStartException if the process ends first or the timeout passes; the message holds the
     *     end of its log
     */
    public ServiceProcess awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isHealthy()) {
            if (!isAlive()) {
                throw failure("exited with code " + exitValue() + " before it became healthy");
            }
            if (System.nanoTime() > deadline) {
                throw failure("was not healthy at " + healthUri() + " within " + timeout.toSeconds() + " s");
            }
            sleep(PROBE_INTERVAL);
        }
        return this;
    }

    /** A start failure of this service, with the end of its log. */
    public ServiceStartException failure(String what) {
        return new ServiceStartException(name() + " " + what + "; last lines of " + logFile() + ":"
                + System.lineSeparator() + logTail(TAIL_LINES));
    }

    /** Stops gracefully: SIGTERM, then SIGKILL after {@link #DEFAULT_STOP_GRACE}. */
    public boolean stop() {
        return stop(DEFAULT_STOP_GRACE);
    }

    /**
     * SIGTERM, then SIGKILL if the service has not ended within {@code grace}.
     *
     * @return whether it ended within the grace period
     */
    public boolean stop(Duration grace) {
        return process.stop(grace);
    }

    /** SIGKILL at once, as a crash would. */
    public void kill() {
        process.kill();
    }

    public String logTail(int lines) {
        return process.logTail(lines);
    }

    @Override
    public String toString() {
        return process + " on port " + port;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceStartException("Interrupted while waiting for a service");
        }
    }

    /** How to run a service; {@link #port(int)} is required. */
    public static final class Builder {

        private final String name;
        private final Path jar;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final List<String> jvmOptions = new ArrayList<>();
        private final List<String> args = new ArrayList<>();
        private int port = -1;
        private @Nullable Path logFile;
        private Path workingDirectory = Path.of("").toAbsolutePath();

        private Builder(String name, Path jar) {
            this.name = name;
            this.jar = jar;
        }

        /** The HTTP port, passed to the service as {@code SERVER_PORT} and probed for health. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** An environment variable, on top of this process's environment. */
        public Builder env(String name, String value) {
            environment.put(name, value);
            return this;
        }

        public Builder env(Map<String, String> variables) {
            environment.putAll(variables);
            return this;
        }

        /** An option of the JVM, such as {@code -Xmx512m}. */
        public Builder jvmOption(String option) {
            jvmOptions.add(option);
            return this;
        }

        public Builder jvmOptions(List<String> options) {
            jvmOptions.addAll(options);
            return this;
        }

        /** An argument of the application, such as {@code --spring.profiles.active=x}. */
        public Builder arg(String arg) {
            args.add(arg);
            return this;
        }

        /** Where its output goes (replaced at start); a new temporary file by default. */
        public Builder logFile(Path logFile) {
            this.logFile = logFile;
            return this;
        }

        /** The working directory, this process's by default. */
        public Builder workingDirectory(Path workingDirectory) {
            this.workingDirectory = workingDirectory;
            return this;
        }

        public ServiceProcess start() {
            if (port < 0) {
                throw new IllegalStateException("The port of " + name + " is not set");
            }
            if (!Files.isRegularFile(jar)) {
                throw new ServiceStartException("The jar of " + name + " does not exist: " + jar.toAbsolutePath()
                        + " (build it with: mvn -B -DskipTests install)");
            }
            Map<String, String> env = new LinkedHashMap<>(environment);
            env.put("SERVER_PORT", Integer.toString(port));
            Path log = logFile != null ? logFile : temporaryLog();
            return new ServiceProcess(
                    ChildProcess.start(name, JavaCommands.jar(jar, jvmOptions, args), env, log, workingDirectory),
                    port);
        }

        private Path temporaryLog() {
            try {
                return Files.createTempFile(name + "-", ".log");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
