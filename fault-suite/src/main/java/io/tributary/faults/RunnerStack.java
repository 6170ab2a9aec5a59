package io.tributary.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import io.tributary.local.PidFiles;
import io.tributary.local.ServiceProcess;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stack under test: {@code ./run-local.sh --brokers 3 --instances 2} exactly as a user starts it (the
 * local runner's jar, as a child process), on the runner's default ports plus an offset. The runner
 * supervises its children and starts one that dies again with backoff, as an orchestrator would; the
 * suite finds each child's pid in the runner's pid files, signals it, and watches the stack become whole.
 */
final class RunnerStack implements AutoCloseable {

    static final List<String> BROKERS = List.of("kafka-1", "kafka-2", "kafka-3");
    static final List<String> SERVICES = List.of("ingest-service", "stream-processor", "gateway",
            "ingest-service-2", "stream-processor-2", "gateway-2");
    private static final Logger log = LoggerFactory.getLogger(RunnerStack.class);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(3);
    private static final int SECOND_INSTANCE_STEP = 100;
    private static final int STABLE_SECONDS = 10;

    private final SuiteOptions options;
    private final PidFiles pids;
    private @Nullable Admin admin;
    private Process runner;

    private RunnerStack(SuiteOptions options) {
        this.options = options;
        this.pids = PidFiles.in(options.dataDir());
        this.runner = launch();
        // A suite stopped with Ctrl-C stops the stack too (the runner stops its children on SIGTERM).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> runner.destroy(), "stop-runner"));
    }

    /** Starts the runner and returns once every broker and service is up and every partition fully replicated. */
    static RunnerStack start(SuiteOptions options) {
        RunnerStack stack = new RunnerStack(options);
        try {
            Duration took = stack.awaitWhole(START_TIMEOUT);
            log.info("The stack is whole after {} s (data in {})", took.toSeconds(), options.dataDir());
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    String gatewayUrl(int instance) {
        return url(8080, instance);
    }

    String ingestUrl(int instance) {
        return url(8081, instance);
    }

    String processorUrl(int instance) {
        return url(8082, instance);
    }

    String bootstrapServers() {
        List<String> nodes = new ArrayList<>();
        for (int node = 0; node < BROKERS.size(); node++) {
            nodes.add("localhost:" + (9092 + options.portOffset() + 2 * node));
        }
        return String.join(",", nodes);
    }

    /** An admin client of the cluster, made on first use: before the brokers are up it would only log failures. */
    synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                    5_000));
        }
        return admin;
    }

    /** The child's pid now; it must be running. */
    long pid(String child) {
        long pid = pids.read(child).orElseThrow(() -> new IllegalStateException("No pid file for " + child));
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return pid;
        }
        throw new IllegalStateException(child + " (pid " + pid + ") is not running");
    }

    /** Sends {@code signal} (KILL, STOP, CONT) to the child's running process; returns its pid. */
    long signal(String child, String signal) {
        long pid = pid(child);
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " exited with " + kill.exitValue());
            }
            return pid;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until every service answers healthy and every partition of every topic has all its replicas in
     * sync, and stays so for {@value #STABLE_SECONDS} s: the stack has recovered from whatever was done to
     * it. Why stable: just after a broker's SIGKILL the cluster still counts it in sync (the controller
     * fences it only after {@code broker.session.timeout.ms}), and the runner has started it again.
     *
     * @return how long it took until the stable stretch began
     */
    Duration awaitWhole(Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long wholeSince = -1;
        while (wholeSince < 0 || System.nanoTime() - wholeSince < TimeUnit.SECONDS.toNanos(STABLE_SECONDS)) {
            if (isWhole()) {
                wholeSince = wholeSince < 0 ? System.nanoTime() : wholeSince;
            } else {
                wholeSince = -1;
            }
            if (!runner.isAlive()) {
                throw new IllegalStateException("The local runner exited with " + runner.exitValue() + "; see "
                        + options.dataDir().resolve("runner.log"));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The stack was not whole within " + timeout.toSeconds() + " s; logs in "
                        + options.dataDir().resolve("logs"));
            }
            sleep(Duration.ofMillis(250));
        }
        return Duration.ofNanos(wholeSince - start);
    }

    boolean isWhole() {
        return SERVICES.stream().allMatch(this::isHealthy) && isFullyReplicated();
    }

    /** Stops the whole stack as Ctrl-C does (SIGTERM to the runner, which stops its children in order). */
    void stopAll() {
        runner.destroy();
        try {
            if (!runner.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("The local runner did not stop within " + STOP_TIMEOUT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts the runner again on the same data, after {@link #stopAll()}; does not wait for it. */
    void startAgain() {
        if (runner.isAlive()) {
            throw new IllegalStateException("The local runner is still running");
        }
        runner = launch();
    }

    private boolean isHealthy(String service) {
        int instance = service.endsWith("-2") ? 1 : 0;
        String base = service.startsWith("gateway") ? gatewayUrl(instance)
                : service.startsWith("ingest") ? ingestUrl(instance) : processorUrl(instance);
        return ServiceProcess.isHealthy(URI.create(base + "/actuator/health"));
    }

    private boolean isFullyReplicated() {
        try {
            Admin admin = admin();
            Collection<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names()
                    .get(5, TimeUnit.SECONDS);
            Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS);
            for (TopicDescription topic : descriptions.values()) {
                for (TopicPartitionInfo partition : topic.partitions()) {
                    if (partition.leader() == null || partition.isr().size() < partition.replicas().size()) {
                        return false;
                    }
                }
            }
            return !descriptions.isEmpty();
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Process launch() {
        try {
            Files.createDirectories(options.dataDir());
            List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", runnerJar().toString(),
                    "--root", options.root().toString(), "--data-dir", options.dataDir().toString(),
                    "--brokers", "3", "--instances", "2"));
            addPort(command, "--kafka-port", 9092);
            addPort(command, "--controller-port", 9093);
            addPort(command, "--simulator-port", 8090);
            addPort(command, "--gateway-port", 8080);
            addPort(command, "--ingest-port", 8081);
            addPort(command, "--processor-port", 8082);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(options.dataDir().resolve("runner.log").toFile()));
            // Every job of a round runs at once: each ingest may hold all of them.
            builder.environment().put("TRIBUTARY_INGEST_LIMITS_CONCURRENT_JOBS_PER_INSTANCE",
                    Integer.toString(options.jobs()));
            log.info("Starting the local runner: {}", String.join(" ", command));
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the local runner", e);
        }
    }

    private void addPort(List<String> command, String flag, int defaultPort) {
        command.add(flag);
        command.add(Integer.toString(defaultPort + options.portOffset()));
    }

    private String url(int defaultPort, int instance) {
        return "http://localhost:" + (defaultPort + options.portOffset() + instance * SECOND_INSTANCE_STEP);
    }

    private Path runnerJar() {
        Path target = options.root().resolve("local-runner/target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(file -> file.getFileName().toString().matches("local-runner-[^-]+(-SNAPSHOT)?\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No local runner jar in " + target
                            + ": build first (mvn -B -ntp -DskipTests install)"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + target, e);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        if (runner.isAlive()) {
            stopAll();
        }
    }
}
