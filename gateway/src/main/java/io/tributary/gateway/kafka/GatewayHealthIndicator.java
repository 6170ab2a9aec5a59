package io.tributary.gateway.kafka;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * UP once the job-state view has read what {@code jobs.state} held at start-up and the live tail runs.
 * Before that a job the gateway does not know may well exist, so it must not take traffic.
 */
public final class GatewayHealthIndicator implements HealthIndicator {

    private final JobStateView view;
    private final LiveTail tail;

    public GatewayHealthIndicator(JobStateView view, LiveTail tail) {
        this.view = view;
        this.tail = tail;
    }

    @Override
    public Health health() {
        boolean up = view.isReady() && tail.isRunning();
        return (up ? Health.up() : Health.down())
                .withDetail("jobStateCaughtUp", view.isReady())
                .withDetail("liveTailRunning", tail.isRunning())
                .withDetail("jobs", view.size())
                .withDetail("tailSubscriptions", tail.subscriptions())
                .build();
    }
}
