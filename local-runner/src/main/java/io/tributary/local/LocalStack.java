package io.tributary.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.tributary.simulator.UpstreamSimulator;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default, started by {@code ./run-local.sh}: a KRaft broker (child process, data in
 * {@code .local/kafka}), Tributary's topics, the upstream simulator (in this process), then the ingest,
 * processor and gateway (child processes, logs in {@code .local/logs}). It waits until all are healthy,
 * prints how to try them, and stops them in reverse order on Ctrl-C or SIGTERM. A child that dies is
 * logged and started again with backoff ({@link RestartingChild}); the rest of the stack goes on. It never reads standard input, so it runs in the background too.
 */
public final class LocalStack {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);
    private static final Duration TOKEN_VALIDITY = Duration.ofHours(24);
    /** The groups that stop together ({@link StackShutdown}). */
    private static final String KAFKA = "Kafka";
    private static final String SERVICES = "services";

    private final LocalStackOptions options;
    private final Map<String, String> environment;
    private final Clock clock;
    private final StackShutdown shutdown = new StackShutdown();
    private final PidFiles pidFiles;

    LocalStack(LocalStackOptions options, Map<String, String> environment, Clock clock) {
        this.options = options;
        this.environment = environment;
        this.clock = clock;
        this.pidFiles = PidFiles.in(options.dataDir());
    }

    public static void main(String[] args) {
        LocalStackOptions options;
        try {
            options = LocalStackOptions.parse(Arrays.asList(args), System.getenv(), defaultRoot());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println();
            System.err.print(LocalStackOptions.usage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(LocalStackOptions.usage());
            return;
        }
        System.exit(new LocalStack(options, System.getenv(), Clock.systemUTC()).run());
    }

    /** Runs the stack until a child dies or the JVM is asked to stop; the exit code of a failure. */
    int run() {
        Runtime.getRuntime().addShutdownHook(new Thread(shutdown, "local-stack-shutdown"));
        try {
            PortCheck.requireFree(options.ports());
            pidFiles.write("runner", ProcessHandle.current().pid());
            List<ServiceProcess> services = new ArrayList<>();
            List<LocalBroker> brokers = startBrokers();
            startSimulator();
            for (ServiceInstance instance : instances()) {
                services.add(startService(instance));
            }
            awaitHealthy(services);
            printWelcome();
            return superviseUntilStopped(brokers, services);
        } catch (ServiceStartException e) {
            if (shutdown.begun()) {
                return 0;
            }
            log.error(e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            if (shutdown.begun()) {
                return 0;
            }
            log.error("The local stack could not start", e);
            return 1;
        }
    }

    /** Starts every Kafka node at once (a cluster's nodes need each other to elect a controller). */
    private List<LocalBroker> startBrokers() {
        createDirectories();
        List<BrokerConfig> nodes = options.brokerConfigs();
        boolean firstRun = nodes.stream().noneMatch(BrokerConfig::isFormatted);
        log.info(firstRun ? "Formatting the broker's storage in {} (first run)" : "Broker data in {}", options.kafkaDir());
        String clusterId = clusterId(nodes);
        long start = System.nanoTime();
        List<LocalBroker> brokers = new ArrayList<>();
        for (BrokerConfig node : nodes) {
            LocalBroker broker = startBroker(node, clusterId);
            shutdown.started(brokerName(node), KAFKA, broker::stop);
            brokers.add(broker);
        }
        for (LocalBroker broker : brokers) {
            broker.awaitReady(options.startupTimeout());
        }
        log.info("Kafka ready on {} in {} s", bootstrapServers(), seconds(start));
        List<String> created = LocalTopics.createMissing(bootstrapServers(), nodes.get(0).replicationFactor());
        if (!created.isEmpty()) {
            log.info("Created topics {}", created);
        }
        return brokers;
    }

    private LocalBroker startBroker(BrokerConfig node, String clusterId) {
        String name = options.brokers() == 1 ? "kafka" : "kafka-" + node.nodeId();
        LocalBroker broker = LocalBroker.start(node, options.logsDir().resolve(name + ".log"), RunnerClasspath.current(),
                clusterId);
        pidFiles.write(name, broker.process().pid());
        return broker;
    }

    /** The id the cluster was formatted with, or a new one: every node of one cluster must share it. */
    private static String clusterId(List<BrokerConfig> nodes) {
        return nodes.stream().map(BrokerConfig::clusterId).filter(java.util.Objects::nonNull).findFirst()
                .orElseGet(() -> Uuid.randomUuid().toString());
    }

    private String brokerName(BrokerConfig node) {
        return options.brokers() == 1 ? "the Kafka broker" : "Kafka node " + node.nodeId();
    }

    private String bootstrapServers() {
        return String.join(",", options.brokerConfigs().stream().map(BrokerConfig::bootstrapServers).toList());
    }

    private void startSimulator() {
        UpstreamSimulator simulator = UpstreamSimulator.start(options.simulatorPort());
        shutdown.started("the upstream simulator", simulator::close);
        log.info("Upstream simulator on {}", simulator.baseUrl());
    }

    /** Every instance of every service, the first of each first, in the order they start. */
    private List<ServiceInstance> instances() {
        List<ServiceInstance> instances = new ArrayList<>();
        for (int index = 0; index < options.instances(); index++) {
            for (LocalService service : LocalService.values()) {
                instances.add(new ServiceInstance(service, index));
            }
        }
        return instances;
    }

    private ServiceProcess startService(ServiceInstance instance) {
        ServiceProcess process = launch(instance);
        shutdown.started(instance.name(), SERVICES, process::stop);
        return process;
    }

    private ServiceProcess launch(ServiceInstance instance) {
        ClassDataArchive.Launch launch = ClassDataArchive.prepare(instance.service().jar(options.root()));
        ServiceProcess process = ServiceProcess.builder(instance.name(), launch.jar())
                .port(instance.port(options))
                .env(ServiceEnvironment.forInstance(instance, options, environment))
                .jvmOptions(launch.jvmOptions())
                .jvmOptions(serviceJvmOptions())
                .logFile(options.logsDir().resolve(instance.name() + ".log"))
                .workingDirectory(options.root())
                .start();
        pidFiles.write(instance.name(), process.pid());
        log.info("Starting {} on port {}, pid {} (log: {})", instance.name(), process.port(), process.pid(),
                process.logFile());
        return process;
    }

    /** The services start at once and are awaited together: their start-ups overlap instead of adding up. */
    private void awaitHealthy(List<ServiceProcess> services) {
        long start = System.nanoTime();
        long deadline = start + options.startupTimeout().toNanos();
        List<ServiceProcess> waiting = new ArrayList<>(services);
        while (!waiting.isEmpty()) {
            for (ServiceProcess service : List.copyOf(waiting)) {
                if (service.isHealthy()) {
                    log.info("{} healthy after {} s", service.name(), seconds(start));
                    waiting.remove(service);
                } else if (!service.isAlive()) {
                    throw service.failure("exited with code " + service.exitValue() + " before it became healthy");
                } else if (System.nanoTime() > deadline) {
                    throw service.failure("was not healthy at " + service.healthUri() + " within "
                            + options.startupTimeout().toSeconds() + " s");
                }
            }
            sleep(Duration.ofMillis(500));
        }
    }

    private void printWelcome() {
        Instant expires = clock.instant().plus(TOKEN_VALIDITY).truncatedTo(ChronoUnit.SECONDS);
        String token = new DevTokens(ServiceEnvironment.jwtSecret(environment), clock).mint(Welcome.DEMO_USER,
                TOKEN_VALIDITY);
        System.out.println(Welcome.text(options, token, expires,
                ServiceEnvironment.upstreamBaseUrl(options, environment), ProcessHandle.current().pid()));
        System.out.flush();
    }

    /**
     * Keeps every child running until the stack is asked to stop (Ctrl-C or SIGTERM, whose shutdown hook
     * stops them all): one that dies is logged and started again with backoff ({@link RestartingChild}).
     */
    private int superviseUntilStopped(List<LocalBroker> brokers, List<ServiceProcess> services) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "local-stack-restarts");
            thread.setDaemon(true);
            return thread;
        });
        for (LocalBroker broker : brokers) {
            BrokerConfig node = broker.config();
            String clusterId = node.clusterId() == null ? Uuid.randomUuid().toString() : node.clusterId();
            RestartingChild supervised = new RestartingChild(brokerName(node), RestartingChild.Running.of(broker),
                    () -> RestartingChild.Running.of(startBroker(node, clusterId)), RestartBackoff.DEFAULT, timer, clock);
            shutdown.started(brokerName(node) + " (restarted)", KAFKA, supervised::stop);
        }
        List<ServiceInstance> instances = instances();
        for (int i = 0; i < services.size(); i++) {
            ServiceInstance instance = instances.get(i);
            RestartingChild supervised = new RestartingChild(instance.name(), RestartingChild.Running.of(services.get(i)),
                    () -> RestartingChild.Running.of(launch(instance)), RestartBackoff.DEFAULT, timer, clock);
            shutdown.started(instance.name() + " (restarted)", SERVICES, supervised::stop);
        }
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private List<String> serviceJvmOptions() {
        String options = environment.getOrDefault("TRIBUTARY_LOCAL_SERVICE_JAVA_OPTS", "-Xmx512m").strip();
        return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
    }

    private void createDirectories() {
        try {
            Files.createDirectories(options.kafkaDir());
            Files.createDirectories(options.logsDir());
            Files.createDirectories(options.stateDir());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + options.dataDir(), e);
        }
    }

    /**
     * The project folder: the one this runner's jar was built in ({@code ROOT/local-runner/target/*.jar}),
     * else the working directory.
     */
    static Path defaultRoot() {
        String classpath = System.getProperty("java.class.path", "");
        Path jar = Path.of(classpath).toAbsolutePath();
        Path target = jar.getParent();
        if (classpath.endsWith(".jar") && target != null && target.getFileName().toString().equals("target")
                && target.getParent() != null && target.getParent().getFileName().toString().equals("local-runner")
                && target.getParent().getParent() != null) {
            return target.getParent().getParent();
        }
        return Path.of("").toAbsolutePath();
    }

    private static String seconds(long startNanos) {
        return String.format(Locale.ROOT, "%.1f", (System.nanoTime() - startNanos) / 1e9);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceStartException("Interrupted while waiting for the services");
        }
    }
}
