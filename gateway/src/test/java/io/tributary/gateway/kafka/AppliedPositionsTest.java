package io.tributary.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class AppliedPositionsTest {

    private final TopicPartition marks0 = new TopicPartition("notifications.marks", 0);
    private final TopicPartition marks1 = new TopicPartition("notifications.marks", 1);
    private final AppliedPositions positions = new AppliedPositions();

    @Test
    void shouldCompleteAWaiterOnlyOnceItsOffsetIsApplied() {
        CompletableFuture<Void> applied = positions.awaitApplied(marks0, 5);

        positions.advance(marks0, 5);
        assertThat(applied).isNotDone();
        positions.advance(marks1, 10);
        assertThat(applied).isNotDone();
        positions.advance(marks0, 6);

        assertThat(applied).isCompleted();
        assertThat(positions.waiting()).isZero();
    }

    @Test
    void shouldCompleteAtOnceWhatIsAlreadyApplied() {
        positions.advance(marks0, 6);

        assertThat(positions.awaitApplied(marks0, 5)).isCompleted();
        assertThat(positions.awaitApplied(marks0, 6)).isNotDone();
    }

    @Test
    void shouldNeverMoveAPositionBackwards() {
        positions.advance(marks0, 6);
        positions.advance(marks0, 3);

        assertThat(positions.position(marks0)).isEqualTo(6);
        assertThat(positions.awaitApplied(marks0, 5)).isCompleted();
    }

    @Test
    void shouldForgetAWaiterThatGaveUp() {
        CompletableFuture<Void> gaveUp = positions.awaitApplied(marks0, 5);
        CompletableFuture<Void> waits = positions.awaitApplied(marks0, 7);

        positions.forget(marks0, gaveUp);

        assertThat(positions.waiting()).isEqualTo(1);
        positions.advance(marks0, 8);
        assertThat(waits).isCompleted();
        assertThat(gaveUp).isNotDone();
    }
}
