package io.tributary.processor.streams;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KafkaStreams.State;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * UP once the Kafka Streams client has reached RUNNING, and while it stays RUNNING or rebalances
 * afterwards; DOWN while it starts (created, first rebalance, restoring state) and once it is shutting
 * down or failed. A rebalance after the first RUNNING is routine (a thread replaced, an instance
 * added) and must not make an orchestrator restart a healthy process.
 *
 * <p>Spring Kafka hands it the client ({@link StreamsBuilderFactoryBean.Listener}); it is also the
 * client's state listener, to learn that the client has been RUNNING.
 */
public final class KafkaStreamsHealthIndicator
        implements HealthIndicator, KafkaStreams.StateListener, StreamsBuilderFactoryBean.Listener {

    private volatile @Nullable KafkaStreams streams;
    private volatile boolean hasRun;

    @Override
    public void streamsAdded(String id, KafkaStreams streams) {
        this.streams = streams;
    }

    @Override
    public void streamsRemoved(String id, KafkaStreams streams) {
        this.streams = null;
    }

    @Override
    public void onChange(State newState, State oldState) {
        // Only a rebalance keeps the memory of having run; stopping or failing forgets it.
        hasRun = newState == State.RUNNING || (hasRun && newState == State.REBALANCING);
    }

    @Override
    public Health health() {
        KafkaStreams client = streams;
        return healthIn(client == null ? null : client.state());
    }

    /** The health for the client's current state, null when no client has started yet. */
    Health healthIn(@Nullable State state) {
        if (state == null) {
            return Health.down().withDetail("state", "NOT_STARTED").build();
        }
        boolean up = state == State.RUNNING || (state == State.REBALANCING && hasRun);
        return (up ? Health.up() : Health.down()).withDetail("state", state.name()).build();
    }
}
