package io.tributary.local;

import java.util.LinkedHashMap;
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

    private ServiceEnvironment() {
    }

    static Map<String, String> forService(LocalService service, LocalStackOptions options,
            Map<String, String> runnerEnvironment) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", "localhost:" + options.kafkaPort());
        env.put(JWT_SECRET, jwtSecret(runnerEnvironment));
        env.put("TRIBUTARY_TOPICS_REPLICATION_FACTOR", "1");
        env.put(UPSTREAM_BASE_URL, upstreamBaseUrl(options, runnerEnvironment));
        if (service == LocalService.PROCESSOR) {
            env.put("SPRING_KAFKA_STREAMS_REPLICATION_FACTOR", "1");
            env.put("SPRING_KAFKA_STREAMS_STATE_DIR", options.stateDir().resolve(service.module()).toString());
            // One processor, the same after each restart: a static member gets its partitions back at once.
            env.put("TRIBUTARY_PROCESSOR_MEMBERSHIP_INSTANCE_ID", "local-" + service.module());
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
