package io.tributary.bench.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import io.tributary.local.BrokerConfig;
import io.tributary.local.DevTokens;
import io.tributary.local.LocalBroker;
import io.tributary.local.LocalTopics;
import io.tributary.local.ServiceProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded stack on free ports, with fresh data in a work folder: a KRaft broker process, Tributary's
 * topics, and the ingest, processor and gateway as processes from their executable jars, as the local
 * runner starts them. The ingest's per-instance job limit is raised so that a workload's jobs all run, and
 * the gateway's streams per user so that a job's many viewers (all of them its user's, as tenancy requires)
 * all attach; every other setting is the services' default. The simulator is not part of it: the bench runs it in its
 * own JVM and passes its URL.
 */
public final class EmbeddedStack implements BenchStack {

    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStack.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);
    private static final Duration TOKEN_VALIDITY = Duration.ofHours(2);
    private static final String VERSION = "0.1.0-SNAPSHOT";

    private final LocalBroker broker;
    private final List<ServiceProcess> services = new ArrayList<>();
    private final DevTokens tokens = DevTokens.local();
    private final AtomicBoolean closed = new AtomicBoolean();
    private ServiceProcess ingest;
    private ServiceProcess processor;
    private ServiceProcess gateway;

    private EmbeddedStack(LocalBroker broker) {
        this.broker = broker;
    }

    /**
     * Starts the stack and waits until every part is ready.
     *
     * @param root the project folder, whose {@code <module>/target} folders hold the services' jars
     * @param workDir where the broker's data, the processor's state and the logs go
     * @param upstreamBaseUrl the simulator, e.g. {@code http://127.0.0.1:PORT/v1}
     * @param serviceJvmOptions the JVM options of each service, e.g. {@code -Xmx512m}
     */
    public static EmbeddedStack start(Path root, Path workDir, String upstreamBaseUrl, List<String> serviceJvmOptions) {
        return start(root, workDir, upstreamBaseUrl, serviceJvmOptions, serviceJvmOptions);
    }

    /**
     * Starts the stack with JVM options of the gateway's own, e.g. the heap a fan-out run allows it.
     *
     * @param gatewayJvmOptions the gateway's JVM options instead of {@code serviceJvmOptions}
     */
    public static EmbeddedStack start(Path root, Path workDir, String upstreamBaseUrl, List<String> serviceJvmOptions,
            List<String> gatewayJvmOptions) {
        createDirectories(workDir);
        LocalBroker broker = LocalBroker.start(new BrokerConfig(workDir.resolve("kafka"), freePort(), freePort()),
                workDir.resolve("kafka.log"));
        EmbeddedStack stack = new EmbeddedStack(broker);
        // The services and the broker are processes of their own: a bench stopped by Ctrl-C or SIGTERM
        // must not leave them running (and holding ports, CPU and the work folder).
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "embedded-stack-stop"));
        try {
            broker.awaitReady(START_TIMEOUT);
            LocalTopics.createMissing(broker.bootstrapServers());
            stack.startServices(root, workDir, upstreamBaseUrl, serviceJvmOptions, gatewayJvmOptions);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startServices(Path root, Path workDir, String upstreamBaseUrl, List<String> jvmOptions,
            List<String> gatewayJvmOptions) {
        ingest = service(root, workDir, "ingest-service", jvmOptions)
                .env("TRIBUTARY_UPSTREAM_BASE_URL", upstreamBaseUrl)
                .arg("--tributary.ingest.limits.concurrent-jobs-per-instance=100000")
                .start();
        services.add(ingest);
        processor = service(root, workDir, "stream-processor", jvmOptions)
                .env("SPRING_KAFKA_STREAMS_REPLICATION_FACTOR", "1")
                .env("SPRING_KAFKA_STREAMS_STATE_DIR", workDir.resolve("processor-state").toString())
                .start();
        services.add(processor);
        gateway = service(root, workDir, "gateway", gatewayJvmOptions)
                .arg("--tributary.gateway.max-streams-per-user=100000")
                .start();
        services.add(gateway);
        // Started together, awaited together: their start-ups overlap.
        for (ServiceProcess service : services) {
            service.awaitHealthy(START_TIMEOUT);
            log.info("{} healthy on port {}", service.name(), service.port());
        }
    }

    private ServiceProcess.Builder service(Path root, Path workDir, String module, List<String> jvmOptions) {
        return ServiceProcess.builder(module, jar(root, module))
                .port(freePort())
                .jvmOptions(jvmOptions)
                .env("SPRING_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers())
                .env("TRIBUTARY_SECURITY_JWT_SECRET", DevTokens.LOCAL_SECRET)
                .env("TRIBUTARY_TOPICS_REPLICATION_FACTOR", "1")
                .env("TRIBUTARY_TOPICS_PARTITIONS", Integer.toString(LocalTopics.PARTITIONS))
                .logFile(workDir.resolve(module + ".log"))
                .workingDirectory(workDir);
    }

    /** {@code <root>/<module>/target/<module>-VERSION-exec.jar}, as {@code mvn package} makes it. */
    static Path jar(Path root, String module) {
        return root.resolve(module).resolve("target").resolve(module + "-" + VERSION + "-exec.jar");
    }

    @Override
    public String ingestUrl() {
        return ingest.baseUrl();
    }

    @Override
    public String gatewayUrl() {
        return gateway.baseUrl();
    }

    @Override
    public String processorUrl() {
        return processor.baseUrl();
    }

    @Override
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    public Map<String, Long> processIds() {
        Map<String, Long> ids = new LinkedHashMap<>();
        ids.put("broker", broker.process().pid());
        for (ServiceProcess service : services) {
            ids.put(service.name(), service.pid());
        }
        return ids;
    }

    @Override
    public String token(String user) {
        return tokens.mint(user, TOKEN_VALIDITY);
    }

    /**
     * Stops the services, all at once (each takes seconds to shut down gracefully and none depends on
     * another's shutdown), then the broker they were writing to. Only the first call does anything: the
     * shutdown hook calls it again.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        CompletableFuture.allOf(services.stream()
                .map(service -> CompletableFuture.runAsync(() -> service.stop(STOP_GRACE)))
                .toArray(CompletableFuture[]::new)).join();
        broker.stop();
    }

    private static void createDirectories(Path workDir) {
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + workDir, e);
        }
    }

    /**
     * A port free now and not handed out before by this JVM: the services bind theirs only once started,
     * so the operating system may offer a port again that another service of the stack is about to take
     * (seen: the gateway given the processor's port, and the bench talking to the processor).
     */
    private static synchronized int freePort() {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0)) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
