package io.tributary.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.tributary.local.ServiceProcess;
import io.tributary.simulator.ChunkListener;
import io.tributary.simulator.Transcripts;
import io.tributary.simulator.UpstreamSimulator;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The whole pipeline for end-to-end tests: a real in-process KRaft broker, the upstream simulator,
 * and the ingest, the processor and two gateways as separate JVMs from their executable jars, so that
 * a test can kill one with SIGKILL and start it again exactly as an operator would. Two gateways,
 * because what one gateway learns (a viewer, a mute, a read mark) must reach the processor and the
 * other gateway through Kafka alone.
 *
 * <p>One stack serves every test class of the run (starting it costs most of the suite's time);
 * tests that kill or restart a service leave it running again.
 */
final class TributaryStack implements AutoCloseable {

    static final String SECRET = "system-test-secret-that-is-long-enough-for-hs256";
    /** The {@code iss} every bearer token must carry ({@code tributary.security.issuer}). */
    static final String ISSUER = "https://id.system-test.example";
    /** What every bearer token's {@code aud} must contain ({@code tributary.security.audience}). */
    static final String AUDIENCE = "tributary-api";
    /**
     * The tolerance for {@code exp} and {@code nbf}: short, so that a stream whose token expires ends
     * seconds after, whichever of its expiry or expiry + skew the gateway waits for.
     */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(1);
    /** The secret of browser stream tokens, shared by both gateways so that either accepts the other's. */
    static final String STREAM_TOKEN_SECRET = "system-test-stream-token-secret-shared-by-gateways";
    /** The server's upstream key: the secrets tests look for it everywhere it must never be. */
    static final String UPSTREAM_API_KEY = "sk-or-v1-system-test-upstream-key-7c2f9a41d3";
    /** The one origin allowed to call the services from a browser. */
    static final String ALLOWED_ORIGIN = "https://app.example";
    /**
     * Open streams (job streams and notification feeds) per user and gateway. Small, so that the limit
     * is reached with a few connections; no other test holds more than one stream of a user at a time.
     */
    static final int MAX_STREAMS_PER_USER = 3;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final int PARTITIONS = 6;
    private static final List<String> JVM_OPTIONS = List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    /**
     * A viewer's presence lasts this long without a renewal. Short, so that the tests of a gateway
     * killed under its viewers wait seconds for the lease to run out, not the default 30 s.
     */
    static final Duration PRESENCE_LEASE = Duration.ofSeconds(3);
    private static final Duration PRESENCE_RENEW_INTERVAL = Duration.ofSeconds(1);
    /**
     * A job whose upstream says nothing for this long ends FAILED(TIMEOUT). Short, so that a timeout
     * can be tested in seconds; every other test's upstream sends a chunk at least every 100 ms, so
     * none comes near it.
     */
    static final Duration INGEST_IDLE_TIMEOUT = Duration.ofSeconds(5);

    private static TributaryStack shared;

    final EmbeddedKafkaBroker broker;
    final UpstreamSimulator simulator;
    final BearerTokens tokens = new BearerTokens(SECRET, ISSUER, AUDIENCE, java.time.Clock.systemUTC());
    private final Path workDir;
    private final int ingestPort = freePort();
    private final int processorPort = freePort();
    private ServiceProcess ingest;
    private ServiceProcess processor;
    private GatewayProcess firstGateway;
    private GatewayProcess secondGateway;

    private TributaryStack() throws IOException {
        workDir = Files.createDirectories(Path.of("target", "system-tests"));
        // The processor's local state belongs to a broker that lives as long as this stack: a state
        // dir left by an earlier run holds offsets of topics that no longer exist.
        deleteRecursively(workDir.resolve("processor-state"));
        broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS).brokerProperties(Map.of(
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "group.initial.rebalance.delay.ms", "0"));
        broker.afterPropertiesSet();
        // Recorded provider streams too, as the models transcript/NAME (the ingest's fixtures).
        simulator = UpstreamSimulator.start("0.0.0.0", 0, java.time.Clock.systemUTC(), ChunkListener.NONE,
                Transcripts.from(fixtures()));
        try {
            processor = startProcessor();
            ingest = startIngest();
            firstGateway = new GatewayProcess("gateway", freePort(), port -> startGateway("gateway", port), START_TIMEOUT);
            secondGateway = new GatewayProcess("gateway-2", freePort(), port -> startGateway("gateway-2", port), START_TIMEOUT);
            for (ServiceProcess service : List.of(processor, ingest)) {
                service.awaitHealthy(START_TIMEOUT);
            }
            firstGateway.awaitHealthy();
            secondGateway.awaitHealthy();
        } catch (RuntimeException e) {
            // A stack that failed to start is never shared, so nothing else would stop its processes.
            close();
            throw e;
        }
    }

    /** The stack of this test run, started on first use and stopped when the JVM ends. */
    static synchronized TributaryStack shared() throws IOException {
        if (shared == null) {
            shared = new TributaryStack();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "stop-tributary-stack"));
        }
        return shared;
    }

    String ingestUrl() {
        return ingest.baseUrl();
    }

    /** The gateway every client uses unless it asks for another. */
    GatewayProcess firstGateway() {
        return firstGateway;
    }

    GatewayProcess secondGateway() {
        return secondGateway;
    }

    String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    String token(String user) {
        return tokens.valid(user, Duration.ofHours(1));
    }

    /** Where each service's output goes: {@code <name>.log}, replaced when the service is started again. */
    Path logDir() {
        return workDir;
    }

    /** SIGKILL: no shutdown hook, no commit, no leave-group, exactly like a crashed host. */
    void killProcessor() {
        processor.kill();
    }

    void startProcessorAgain() {
        processor = startProcessor().awaitHealthy(START_TIMEOUT);
    }

    /** SIGSTOP: the processor holds its connections and its place in the group but does nothing, a grey failure. */
    void freezeProcessor() {
        signal("STOP", processor.pid());
    }

    /** SIGCONT after {@link #freezeProcessor}. */
    void thawProcessor() {
        signal("CONT", processor.pid());
    }

    private static void signal(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " exited with " + kill.exitValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL of the ingest with its jobs in flight: they are orphans until its lease expires. */
    void killIngest() {
        ingest.kill();
    }

    void startIngestAgain() {
        ingest = startIngest().awaitHealthy(START_TIMEOUT);
    }

    private ServiceProcess startProcessor() {
        return service("stream-processor", processorPort)
                .env("SPRING_KAFKA_STREAMS_REPLICATION_FACTOR", "1")
                .env("SPRING_KAFKA_STREAMS_STATE_DIR", workDir.resolve("processor-state").toAbsolutePath().toString())
                // A killed member holds its partitions until its session expires; keep that short here.
                .arg("--spring.kafka.streams.properties.session.timeout.ms=6000")
                .arg("--spring.kafka.streams.properties.heartbeat.interval.ms=1000")
                // Orphans are decided quickly here: the ingest's lease below is short too.
                .arg("--tributary.processor.sweep-interval=500ms")
                .arg("--tributary.processor.orphan-grace=1s")
                .arg("--tributary.processor.lease-duration=3s")
                .start();
    }

    private ServiceProcess startIngest() {
        return secured(service("ingest-service", ingestPort))
                .env("TRIBUTARY_UPSTREAM_BASE_URL", simulator.baseUrl())
                // Secrets go by environment, never on a command line that a process listing shows.
                .env("TRIBUTARY_UPSTREAM_API_KEY", UPSTREAM_API_KEY)
                // So that the secrets tests can check a caller's x-or3-openrouter-key is never shown either.
                .arg("--tributary.upstream.allow-client-key=true")
                // Every job keeps its upstream bytes, so that /raw can be checked against the transcripts.
                .arg("--tributary.ingest.capture-raw=true")
                .arg("--tributary.ingest.lease.duration=3s")
                .arg("--tributary.ingest.lease.renew-interval=1s")
                .arg("--tributary.ingest.idle-timeout=" + INGEST_IDLE_TIMEOUT.toMillis() + "ms")
                // The crash tests run many jobs of one user at once; the limits have tests of their own.
                .arg("--tributary.ingest.limits.concurrent-jobs-per-user=50")
                .arg("--tributary.ingest.limits.concurrent-jobs-per-instance=100")
                .arg("--tributary.ingest.limits.starts-per-user-per-minute=1000")
                .start();
    }

    private ServiceProcess startGateway(String name, int port) {
        return secured(service("gateway", name, port))
                .env("TRIBUTARY_SECURITY_STREAM_TOKEN_SECRET", STREAM_TOKEN_SECRET)
                .arg("--tributary.gateway.max-streams-per-user=" + MAX_STREAMS_PER_USER)
                .arg("--tributary.gateway.presence.lease=" + PRESENCE_LEASE.toMillis() + "ms")
                .arg("--tributary.gateway.presence.renew-interval=" + PRESENCE_RENEW_INTERVAL.toMillis() + "ms")
                .start();
    }

    /** What the services with user endpoints (ingest, gateways) check of a token and of a browser's origin. */
    private static ServiceProcess.Builder secured(ServiceProcess.Builder service) {
        return service
                .arg("--tributary.security.issuer=" + ISSUER)
                .arg("--tributary.security.audience=" + AUDIENCE)
                .arg("--tributary.security.clock-skew=" + CLOCK_SKEW.toMillis() + "ms")
                .arg("--tributary.security.cors.allowed-origins=" + ALLOWED_ORIGIN);
    }

    private ServiceProcess.Builder service(String module, int port) {
        return service(module, module, port);
    }

    /** @param name names the process and its log file: two gateways run from one module's jar */
    private ServiceProcess.Builder service(String module, String name, int port) {
        Path jar = Path.of(System.getProperty("tributary.jar." + module,
                "../" + module + "/target/" + module + "-0.1.0-SNAPSHOT-exec.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No executable jar " + jar.toAbsolutePath() + ": run mvn verify from the root");
        }
        return ServiceProcess.builder(name, jar)
                .port(port)
                .jvmOptions(JVM_OPTIONS)
                .env("SPRING_KAFKA_BOOTSTRAP_SERVERS", bootstrapServers())
                .env("TRIBUTARY_SECURITY_JWT_SECRET", SECRET)
                .env("TRIBUTARY_TOPICS_REPLICATION_FACTOR", "1")
                .env("TRIBUTARY_TOPICS_PARTITIONS", Integer.toString(PARTITIONS))
                .logFile(workDir.resolve(name + ".log"));
    }

    @Override
    public void close() {
        for (GatewayProcess gateway : new GatewayProcess[] {firstGateway, secondGateway}) {
            if (gateway != null && gateway.isAlive()) {
                gateway.kill();
            }
        }
        for (ServiceProcess service : new ServiceProcess[] {ingest, processor}) {
            if (service != null && service.isAlive()) {
                service.kill();
            }
        }
        simulator.close();
        broker.destroy();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The folder of the provider transcripts the simulator replays (the ingest's test fixtures). */
    static Path fixtures() {
        return Path.of(System.getProperty("tributary.fixtures", "../ingest-service/src/test/resources/fixtures/openrouter"));
    }
}
