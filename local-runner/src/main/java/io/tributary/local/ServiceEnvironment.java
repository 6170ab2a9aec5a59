package io.tributary.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment each service gets in the local stack: the local broker, replication factor 1 (there is
 * one broker), the simulator as upstream, the local token secret, and for the processor a stable group
 * instance id. The secret and the upstream URL are
 * defaults: when the runner's own environment sets them, the services inherit those instead, so that a
 * real upstream is one variable away.
 */
final class ServiceEnvironment {

    static final String JWT_SECRET = "TRIBUTARY_SECURITY_JWT_SECRET";
    static final String UPSTREAM_BASE_URL = "TRIBUTARY_UPSTREAM_BASE_URL";
    static final String STREAM_TOKEN_SECRET = "TRIBUTARY_SECURITY_STREAMTOKEN_SECRET";

    private ServiceEnvironment() {
    }

    static Map<String, String> forService(LocalService service, LocalStackOptions options,
            Map<String, String> runnerEnvironment) {
        return forInstance(new ServiceInstance(service, 0), options, runnerEnvironment);
    }

    static Map<String, String> forInstance(ServiceInstance instance, LocalStackOptions options,
            Map<String, String> runnerEnvironment) {
        Map<String, String> env = new LinkedHashMap<>();
        List<BrokerConfig> nodes = options.brokerConfigs();
        String replicas = Integer.toString(nodes.get(0).replicationFactor());
        env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS",
                String.join(",", nodes.stream().map(BrokerConfig::bootstrapServers).toList()));
        env.put(JWT_SECRET, jwtSecret(runnerEnvironment));
        env.put("TRIBUTARY_TOPICS_REPLICATION_FACTOR", replicas);
        env.put(UPSTREAM_BASE_URL, upstreamBaseUrl(options, runnerEnvironment));
        switch (instance.service()) {
            case PROCESSOR -> {
                env.put("SPRING_KAFKA_STREAMS_REPLICATION_FACTOR", replicas);
                env.put("SPRING_KAFKA_STREAMS_STATE_DIR", options.stateDir().resolve(instance.name()).toString());
                // Each processor the same after each restart: a static member gets its partitions back at once.
                env.put("TRIBUTARY_PROCESSOR_MEMBERSHIP_INSTANCE_ID", "local-" + instance.name());
            }
            case INGEST -> env.put("TRIBUTARY_INGEST_INSTANCE_ID", "local-" + instance.name());
            case GATEWAY -> {
                // Gateways behind one address must accept each other's stream tokens.
                if (options.instances() > 1) {
                    env.put(STREAM_TOKEN_SECRET, runnerEnvironment.getOrDefault(STREAM_TOKEN_SECRET,
                            DevTokens.LOCAL_STREAM_TOKEN_SECRET));
                }
            }
        }
        return env;
    }

    /** The secret the services check tokens with, which the runner also signs the demo token with. */
    static String jwtSecret(Map<String, String> runnerEnvironment) {
        String secret = runnerEnvironment.get(JWT_SECRET);
        return secret == null || secret.isBlank() ? DevTokens.LOCAL_SECRET : secret;
    }

    static String upstreamBaseUrl(LocalStackOptions options, Map<String, String> runnerEnvironment) {
        String url = runnerEnvironment.get(UPSTREAM_BASE_URL);
        return url == null || url.isBlank() ? "http://localhost:" + options.simulatorPort() + "/v1" : url;
    }
}
