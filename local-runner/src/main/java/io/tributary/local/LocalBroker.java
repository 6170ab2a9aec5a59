package io.tributary.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node KRaft broker run as a child process ({@code kafka.Kafka}) from the {@code kafka_2.13}
 * jars on this application's classpath, keeping its data in {@link BrokerConfig#dataDir()}: the storage is
 * formatted on first start only, so topics and records survive a restart.
 */
public final class LocalBroker implements AutoCloseable {

    /** Kafka's {@code kafka-server-start.sh} gives 1 GB; a local broker needs less. */
    static final List<String> JVM_OPTIONS = List.of(
            "-Xms256m", "-Xmx768m", "-XX:+UseG1GC", "-Djava.awt.headless=true",
            "-Dlogback.configurationFile=tributary-broker-logback.xml");
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(200);
    private static final int TAIL_LINES = 40;

    private final BrokerConfig config;
    private final ChildProcess process;

    private LocalBroker(BrokerConfig config, ChildProcess process) {
        this.config = config;
        this.process = process;
    }

    /** Starts a broker from the jars on this application's classpath. */
    public static LocalBroker start(BrokerConfig config, Path logFile) {
        return start(config, logFile, RunnerClasspath.current());
    }

    /**
     * Formats the storage if it is new, then starts the broker; it is not ready until {@link #awaitReady}.
     *
     * @param config where the broker keeps its data and which ports it listens on
     * @param logFile where its output goes
     * @param classpath a classpath that holds {@code kafka_2.13} and its dependencies
     */
    public static LocalBroker start(BrokerConfig config, Path logFile, String classpath) {
        return start(config, logFile, classpath, Uuid.randomUuid().toString());
    }

    /** A node of a cluster: formatted, if it is new, with the cluster's id. */
    public static LocalBroker start(BrokerConfig config, Path logFile, String classpath, String clusterId) {
        BrokerStorage.formatIfNeeded(config, classpath, clusterId);
        Path propertiesFile = config.write();
        List<String> command = JavaCommands.mainClass(classpath, "kafka.Kafka", JVM_OPTIONS,
                List.of(propertiesFile.toString()));
        return new LocalBroker(config, ChildProcess.start("kafka", command, Map.of(), logFile, config.dataDir()));
    }

    public BrokerConfig config() {
        return config;
    }

    public String bootstrapServers() {
        return config.bootstrapServers();
    }

    public ChildProcess process() {
        return process;
    }

    /**
     * Waits until the broker accepts connections and answers a metadata request.
     *
     * @return this broker, for chaining
     * @throws ServiceStartException if the process ends first or the timeout passes
     */
    public LocalBroker awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!acceptsConnections()) {
            checkProgress(deadline, timeout);
            sleep();
        }
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000))) {
            while (true) {
                checkProgress(deadline, timeout);
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return this;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    sleep();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceStartException("Interrupted while waiting for the broker");
        }
    }

    /** SIGTERM (a controlled shutdown), then SIGKILL after 30 s; whether it ended gracefully. */
    public boolean stop() {
        return process.stop(STOP_GRACE);
    }

    @Override
    public void close() {
        stop();
    }

    private boolean acceptsConnections() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(BrokerConfig.HOST, config.port()), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void checkProgress(long deadline, Duration timeout) {
        if (!process.isAlive()) {
            throw failure("exited with code " + process.exitValue() + " before it was ready");
        }
        if (System.nanoTime() > deadline) {
            throw failure("was not ready on " + bootstrapServers() + " within " + timeout.toSeconds() + " s");
        }
    }

    private ServiceStartException failure(String what) {
        return new ServiceStartException("The Kafka broker " + what + "; last lines of " + process.logFile() + ":"
                + System.lineSeparator() + process.logTail(TAIL_LINES));
    }

    private static void sleep() {
        try {
            Thread.sleep(PROBE_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceStartException("Interrupted while waiting for the broker");
        }
    }
}
