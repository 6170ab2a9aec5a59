package io.tributary.deploy;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Strimzi Kafka cluster the services connect to, from their bootstrap servers: Strimzi names the
 * bootstrap Service of cluster {@code c} {@code c-kafka-bootstrap}.
 */
record KafkaCluster(String name, String bootstrapServers) {

    static final String BOOTSTRAP_SERVERS = "SPRING_KAFKA_BOOTSTRAP_SERVERS";
    private static final String BOOTSTRAP_SUFFIX = "-kafka-bootstrap";

    /** The one cluster every workload names; it fails when they differ or one names none. */
    static KafkaCluster of(Manifests manifests) {
        Set<String> servers = manifests.workloads().stream()
                .map(workload -> workload.literal(BOOTSTRAP_SERVERS)
                        .orElseThrow(() -> new AssertionError(workload.name() + " sets no " + BOOTSTRAP_SERVERS)))
                .collect(Collectors.toSet());
        if (servers.size() != 1) {
            throw new AssertionError("The services connect to different Kafka clusters: " + servers);
        }
        String bootstrap = servers.iterator().next();
        String host = bootstrap.split(",")[0].split(":")[0];
        if (!host.endsWith(BOOTSTRAP_SUFFIX)) {
            throw new AssertionError("Not a Strimzi bootstrap Service: " + bootstrap);
        }
        return new KafkaCluster(host.substring(0, host.length() - BOOTSTRAP_SUFFIX.length()), bootstrap);
    }
}
