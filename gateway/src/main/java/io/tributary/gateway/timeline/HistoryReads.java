package io.tributary.gateway.timeline;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Reads of {@code jobs.deltas} by offset, for history the live tail does not hold. */
public interface HistoryReads {

    /**
     * The job's events in {@code [fromOffset, untilOffset)} of the partition, in log order.
     * Completes exceptionally when the log cannot be read in time.
     */
    CompletableFuture<List<LoggedEvent>> read(String jobId, int partition, long fromOffset, long untilOffset);
}
