package io.tributary.processor.function;

import io.tributary.schema.JobState;
import io.tributary.schema.fold.JobFold;
import org.apache.kafka.streams.kstream.Aggregator;
import org.jspecify.annotations.Nullable;

/**
 * Folds one event into a job's state with {@link JobFold}, the one definition of what an event does
 * to a job.
 *
 * <p>A job has no state until its STARTED event: the aggregate stays null for events before it (a lost
 * start, or a late event of a job already retired), and the topology drops that null rather than
 * publish it; a retired job's tombstone comes from the sweeper. (Kafka
 * Streams stores a null aggregate as a delete, so such an event costs one changelog tombstone for a
 * key that had no state: rare and harmless.) An event that does not count (a duplicate, anything after
 * the terminal event) returns the state unchanged; the table then re-emits that same state, which the
 * record cache usually coalesces and which a compacted {@code jobs.state} absorbs.
 */
public final class JobStateAggregator implements Aggregator<String, PositionedEvent, @Nullable JobState> {

    @Override
    public @Nullable JobState apply(String jobId, PositionedEvent positioned, @Nullable JobState state) {
        JobFold fold = state == null ? JobFold.empty(jobId) : JobFold.of(state);
        if (!fold.apply(positioned.event(), positioned.position())) {
            return state;
        }
        return fold.toState();
    }
}
