package io.tributary.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Where the local stack keeps its files and which ports it uses. Each option is a command-line flag
 * ({@code --kafka-port 19092} or {@code --kafka-port=19092}), else an environment variable, else its default.
 *
 * @param root the project folder, which holds the services' {@code target/} folders
 * @param dataDir the stack's own files: {@code kafka/} (broker data), {@code logs/}, {@code state/}
 * @param kafkaPort the broker's client port
 * @param controllerPort the broker's KRaft controller port
 * @param simulatorPort the upstream simulator's port
 * @param gatewayPort the gateway's port
 * @param ingestPort the ingest service's port
 * @param processorPort the stream processor's port
 * @param startupTimeout how long the broker and then the services each get to become ready
 * @param help whether only the usage was asked for
 */
record LocalStackOptions(Path root, Path dataDir, int kafkaPort, int controllerPort, int simulatorPort,
        int gatewayPort, int ingestPort, int processorPort, Duration startupTimeout, int instances, int brokers,
        boolean help) {

    /** How far the ports of a service's second instance are from its first's. */
    static final int INSTANCE_PORT_STEP = 100;
    static final int MAX_INSTANCES = 2;

    /** Continues a description on the next line of the usage, under the first line. */
    private static final String INDENT = "                           ";

    private enum Option {
        ROOT("--root", "DIR", "TRIBUTARY_LOCAL_ROOT", null,
                "the project folder\n" + INDENT + "(default: the folder this runner was built in)"),
        DATA_DIR("--data-dir", "DIR", "TRIBUTARY_LOCAL_DATA_DIR", null,
                "broker data, logs and processor state; delete it to start afresh\n" + INDENT
                        + "(default: ROOT/.local)"),
        KAFKA_PORT("--kafka-port", "PORT", "TRIBUTARY_LOCAL_KAFKA_PORT", "9092", "Kafka client port"),
        CONTROLLER_PORT("--controller-port", "PORT", "TRIBUTARY_LOCAL_CONTROLLER_PORT", "9093", "Kafka controller port"),
        SIMULATOR_PORT("--simulator-port", "PORT", "TRIBUTARY_LOCAL_SIMULATOR_PORT", "8090", "upstream simulator port"),
        GATEWAY_PORT("--gateway-port", "PORT", "TRIBUTARY_LOCAL_GATEWAY_PORT", "8080", "gateway port"),
        INGEST_PORT("--ingest-port", "PORT", "TRIBUTARY_LOCAL_INGEST_PORT", "8081", "ingest service port"),
        PROCESSOR_PORT("--processor-port", "PORT", "TRIBUTARY_LOCAL_PROCESSOR_PORT", "8082", "stream processor port"),
        STARTUP_TIMEOUT("--startup-timeout", "SEC", "TRIBUTARY_LOCAL_STARTUP_TIMEOUT", "180",
                "seconds the broker, then the services, may take to be ready"),
        BROKERS("--brokers", "N", "TRIBUTARY_LOCAL_BROKERS", "1",
                "Kafka nodes, 1 or 3; three form one cluster (node N on the Kafka\n" + INDENT
                        + "and controller ports + 2(N-1): 9092/9093, 9094/9095, 9096/9097),\n" + INDENT
                        + "with replication factor 3 and min.insync.replicas 2"),
        INSTANCES("--instances", "N", "TRIBUTARY_LOCAL_INSTANCES", "1",
                "instances of each service, 1 or 2; the second listens on each\n" + INDENT
                        + "service's port + 100 (gateway 8180, ingest 8181, processor 8182)");

        private final String flag;
        private final String valueName;
        private final String env;
        private final @Nullable String defaultValue;
        private final String description;

        Option(String flag, String valueName, String env, @Nullable String defaultValue, String description) {
            this.flag = flag;
            this.valueName = valueName;
            this.env = env;
            this.defaultValue = defaultValue;
            this.description = description;
        }
    }

    static LocalStackOptions parse(List<String> args, Map<String, String> env, Path defaultRoot) {
        Map<Option, String> values = new LinkedHashMap<>();
        boolean help = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("-h") || arg.equals("--help")) {
                help = true;
                continue;
            }
            String flag = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            Option option = option(flag);
            if (arg.contains("=")) {
                values.put(option, arg.substring(arg.indexOf('=') + 1));
            } else if (i + 1 < args.size()) {
                values.put(option, args.get(++i));
            } else {
                throw new IllegalArgumentException(flag + " needs a value");
            }
        }
        Path root = Path.of(value(Option.ROOT, values, env, defaultRoot.toString())).toAbsolutePath().normalize();
        return new LocalStackOptions(
                root,
                Path.of(value(Option.DATA_DIR, values, env, root.resolve(".local").toString())).toAbsolutePath().normalize(),
                port(Option.KAFKA_PORT, values, env),
                port(Option.CONTROLLER_PORT, values, env),
                port(Option.SIMULATOR_PORT, values, env),
                port(Option.GATEWAY_PORT, values, env),
                port(Option.INGEST_PORT, values, env),
                port(Option.PROCESSOR_PORT, values, env),
                Duration.ofSeconds(positive(Option.STARTUP_TIMEOUT, value(Option.STARTUP_TIMEOUT, values, env, null))),
                instances(value(Option.INSTANCES, values, env, null)),
                brokers(value(Option.BROKERS, values, env, null)),
                help);
    }

    Path kafkaDir() {
        return dataDir.resolve("kafka");
    }

    Path logsDir() {
        return dataDir.resolve("logs");
    }

    Path stateDir() {
        return dataDir.resolve("state");
    }

    /** The Kafka nodes' configurations, in node order. */
    List<BrokerConfig> brokerConfigs() {
        return BrokerConfig.cluster(kafkaDir(), kafkaPort, controllerPort, brokers);
    }

    /** Every port with what uses it, to check that all are free before anything starts. */
    Map<String, Integer> ports() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (BrokerConfig node : brokerConfigs()) {
            String suffix = brokers == 1 ? "" : " node " + node.nodeId();
            ports.put("Kafka" + suffix, node.port());
            ports.put("Kafka controller" + suffix, node.controllerPort());
        }
        ports.put("upstream simulator", simulatorPort);
        for (int index = 0; index < instances; index++) {
            String suffix = index == 0 ? "" : " " + (index + 1);
            int step = index * INSTANCE_PORT_STEP;
            ports.put("gateway" + suffix, gatewayPort + step);
            ports.put("ingest" + suffix, ingestPort + step);
            ports.put("processor" + suffix, processorPort + step);
        }
        return ports;
    }

    private static int brokers(String value) {
        int brokers = positive(Option.BROKERS, value);
        if (brokers != 1 && brokers != 3) {
            throw new IllegalArgumentException(Option.BROKERS.flag + " must be 1 or 3, not " + value);
        }
        return brokers;
    }

    private static int instances(String value) {
        int instances = positive(Option.INSTANCES, value);
        if (instances > MAX_INSTANCES) {
            throw new IllegalArgumentException(Option.INSTANCES.flag + " must be 1 or " + MAX_INSTANCES + ", not " + value);
        }
        return instances;
    }

    static String usage() {
        StringBuilder usage = new StringBuilder("""
                Usage: ./run-local.sh [options]

                Starts Tributary's embedded default: a Kafka broker (KRaft, data kept on disk), the upstream
                simulator and the ingest, processor and gateway services; stops them all on Ctrl-C or SIGTERM.
                A broker or service that dies is logged with the end of its log and started again, after 1 s,
                then twice as long each time it dies again within a minute (at most 30 s); the rest goes on.

                Options (each also an environment variable; a flag wins):
                """);
        for (Option option : Option.values()) {
            String defaultValue = option.defaultValue == null ? "" : " (default " + option.defaultValue + ")";
            usage.append(String.format(Locale.ROOT, "  %-24s %s%s%n  %-24s env %s%n",
                    option.flag + " " + option.valueName, option.description, defaultValue, "", option.env));
        }
        usage.append("""
                  -h, --help               this help

                Files under DATA_DIR: kafka/ (broker data), logs/<name>.log, state/ (processor state), and
                pids/<name>.pid, the pid of each broker and service running now (rewritten on each restart;
                runner.pid is this runner's), e.g. kill -STOP $(cat .local/pids/kafka-2.pid).

                Passed to the services (set them in the environment to override):
                  TRIBUTARY_SECURITY_JWT_SECRET       HS256 secret of the bearer tokens (default: a local-only
                                                      development secret, published in DevTokens; never use it
                                                      in production)
                  TRIBUTARY_UPSTREAM_BASE_URL         the upstream chat-completions API (default: the simulator,
                                                      http://localhost:SIMULATOR_PORT/v1); with
                                                      TRIBUTARY_UPSTREAM_API_KEY, a real upstream such as
                                                      https://openrouter.ai/api/v1
                  TRIBUTARY_LOCAL_SERVICE_JAVA_OPTS   JVM options of each service (default -Xmx512m)
                """);
        return usage.toString();
    }

    private static Option option(String flag) {
        for (Option option : Option.values()) {
            if (option.flag.equals(flag)) {
                return option;
            }
        }
        throw new IllegalArgumentException("Unknown option: " + flag);
    }

    private static String value(Option option, Map<Option, String> values, Map<String, String> env,
            @Nullable String fallback) {
        String value = values.get(option);
        if (value == null || value.isBlank()) {
            value = env.get(option.env);
        }
        if (value == null || value.isBlank()) {
            value = option.defaultValue != null ? option.defaultValue : fallback;
        }
        if (value == null) {
            throw new IllegalStateException(option.flag + " has no default");
        }
        return value.strip();
    }

    private static int port(Option option, Map<Option, String> values, Map<String, String> env) {
        int port = positive(option, value(option, values, env, null));
        if (port > 65_535) {
            throw new IllegalArgumentException(option.flag + " must be a port number, not " + port);
        }
        return port;
    }

    private static int positive(Option option, String value) {
        try {
            int number = Integer.parseInt(value);
            if (number <= 0) {
                throw new IllegalArgumentException(option.flag + " must be positive, not " + value);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option.flag + " must be a number, not '" + value + "'");
        }
    }
}
