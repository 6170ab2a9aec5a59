package io.tributary.processor.sweep;

import java.time.Instant;

/**
 * How far the processor has got through {@code jobs.deltas}: what the sweeper must know before it writes
 * a job's terminal event itself. Why: the sweeper runs on the wall clock, but it writes at the seq after
 * the state it has folded. A task that has not yet folded events already on the log (a processor back
 * from a restart with a backlog, a partition that was unowned while its processor was away) would write
 * a second event at a seq the log already holds, next to the ingest's own terminal event. So it ends a
 * job only once everything written to its partition before the owner was gone has been processed.
 */
@FunctionalInterface
public interface LogProgress {

    /**
     * For the topology test driver, which processes each record as it is piped in: always caught up.
     */
    LogProgress CAUGHT_UP = (partition, time) -> true;

    /**
     * Whether every record committed to this partition of {@code jobs.deltas} before {@code time} has been
     * processed, and its processing committed, by this application.
     */
    boolean hasProcessedWrittenBefore(int partition, Instant time);
}
