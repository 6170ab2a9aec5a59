package io.tributary.processor.streams;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class KafkaStreamsHealthIndicatorTest {

    private final KafkaStreamsHealthIndicator indicator = new KafkaStreamsHealthIndicator();

    @Test
    void shouldBeDownBeforeAnyClientStarted() {
        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("state", "NOT_STARTED");
    }

    @Test
    void shouldBeDownWhileStartingAndUpOnceRunning() {
        assertThat(indicator.healthIn(State.CREATED).getStatus()).isEqualTo(Status.DOWN);
        indicator.onChange(State.REBALANCING, State.CREATED);
        assertThat(indicator.healthIn(State.REBALANCING).getStatus())
                .as("the first rebalance is part of starting").isEqualTo(Status.DOWN);

        indicator.onChange(State.RUNNING, State.REBALANCING);

        Health running = indicator.healthIn(State.RUNNING);
        assertThat(running.getStatus()).isEqualTo(Status.UP);
        assertThat(running.getDetails()).containsEntry("state", "RUNNING");
    }

    @Test
    void shouldStayUpThroughARebalanceAfterRunning() {
        indicator.onChange(State.REBALANCING, State.CREATED);
        indicator.onChange(State.RUNNING, State.REBALANCING);
        indicator.onChange(State.REBALANCING, State.RUNNING);

        assertThat(indicator.healthIn(State.REBALANCING).getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void shouldBeDownOnceFailedAndUntilRunningAgain() {
        indicator.onChange(State.REBALANCING, State.CREATED);
        indicator.onChange(State.RUNNING, State.REBALANCING);
        indicator.onChange(State.PENDING_ERROR, State.RUNNING);
        indicator.onChange(State.ERROR, State.PENDING_ERROR);

        assertThat(indicator.healthIn(State.ERROR).getStatus()).isEqualTo(Status.DOWN);
        assertThat(indicator.healthIn(State.REBALANCING).getStatus())
                .as("a client started again is starting, not rebalancing").isEqualTo(Status.DOWN);
    }
}
