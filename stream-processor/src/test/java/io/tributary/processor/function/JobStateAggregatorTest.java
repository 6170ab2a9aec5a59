package io.tributary.processor.function;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.processor.JobEvents;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobState;
import io.tributary.schema.JobStatus;
import io.tributary.schema.LogPosition;
import org.junit.jupiter.api.Test;

class JobStateAggregatorTest {

    private final JobStateAggregator aggregator = new JobStateAggregator();
    private final JobEvents job = JobEvents.forJob("job-a");

    @Test
    void shouldCreateTheStateFromTheStartedEvent() {
        JobState state = aggregator.apply(job.jobId(), at(job.started(), 7), null);

        assertThat(state).isNotNull();
        assertThat(state.getStatus()).isEqualTo(JobStatus.STREAMING);
        assertThat(state.getFirstPosition()).isEqualTo(position(7));
        assertThat(state.getLastPosition()).isEqualTo(position(7));
    }

    @Test
    void shouldLeaveNoStateForAnEventBeforeTheStart() {
        assertThat(aggregator.apply(job.jobId(), at(job.text(1, "early"), 3), null)).isNull();
    }

    @Test
    void shouldAppendToTheStateItIsGiven() {
        JobState started = aggregator.apply(job.jobId(), at(job.started(), 0), null);

        JobState next = aggregator.apply(job.jobId(), at(job.text(1, "hi"), 1), started);

        assertThat(next.getContent()).isEqualTo("hi");
        assertThat(next.getLastPosition()).isEqualTo(position(1));
        assertThat(started.getContent()).as("the previous aggregate is not modified").isEmpty();
    }

    @Test
    void shouldReturnTheSameStateForAnEventThatDoesNotCount() {
        JobState started = aggregator.apply(job.jobId(), at(job.started(), 0), null);
        JobState withText = aggregator.apply(job.jobId(), at(job.text(1, "hi"), 1), started);

        assertThat(aggregator.apply(job.jobId(), at(job.text(1, "hi"), 2), withText)).isSameAs(withText);
    }

    private static PositionedEvent at(JobEvent event, long offset) {
        return new PositionedEvent(event, position(offset));
    }

    private static LogPosition position(long offset) {
        return LogPosition.newBuilder().setPartition(2).setOffset(offset).build();
    }
}
