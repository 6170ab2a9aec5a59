package io.tributary.gateway.kafka;

import java.util.List;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * UP once every topic replica runs and has read what its topics held at start-up. Before that an
 * inbox or a preference the gateway does not show may well exist, so it must not take traffic.
 */
public final class ReplicasHealthIndicator implements HealthIndicator {

    private final List<TopicReplica> replicas;

    public ReplicasHealthIndicator(List<TopicReplica> replicas) {
        this.replicas = List.copyOf(replicas);
    }

    @Override
    public Health health() {
        boolean up = replicas.stream().allMatch(replica -> replica.isReady() && replica.isRunning());
        Health.Builder health = up ? Health.up() : Health.down();
        for (TopicReplica replica : replicas) {
            health.withDetail(replica.name(), Map.of(
                    "caughtUp", replica.isReady(),
                    "running", replica.isRunning(),
                    "writesAwaitingReadBack", replica.waitingWrites()));
        }
        return health.build();
    }
}
