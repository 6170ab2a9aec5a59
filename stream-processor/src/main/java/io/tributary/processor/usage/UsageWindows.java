package io.tributary.processor.usage;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

import io.tributary.schema.JobEventType;
import io.tributary.schema.JobUsage;
import io.tributary.schema.UsageWindow;
import io.tributary.schema.UsageWindowKind;
import io.tributary.schema.usage.LatencyHistogram;
import io.tributary.schema.usage.UsageWindowSizes;

/**
 * The windows a finished job counts in ({@link UsageWindowSizes}), and what it adds to them. A job counts
 * in the windows of the moment it ended (its terminal event's time), since that is when its usage is
 * known.
 */
final class UsageWindows {

    static final List<UsageWindowKind> KINDS = List.of(UsageWindowKind.MINUTE, UsageWindowKind.HOUR, UsageWindowKind.DAY);

    private UsageWindows() {
    }

    static UsageWindow empty(UsageWindowKind kind, Instant start, int partition, String userId, String model) {
        return UsageWindow.newBuilder()
                .setWindow(kind)
                .setStart(start)
                .setEnd(start.plus(UsageWindowSizes.size(kind)))
                .setUserId(userId)
                .setModel(model)
                .setPartition(partition)
                .setFirstChunkMillis(ByteBuffer.allocate(0))
                .setDurationMillis(ByteBuffer.allocate(0))
                .build();
    }

    /** Adds a job that ended at {@code endedAt} with the terminal event {@code outcome}. */
    static void add(UsageWindow window, JobUsage job, JobEventType outcome, Instant endedAt) {
        switch (outcome) {
            case COMPLETED -> window.setCompletedJobs(window.getCompletedJobs() + 1);
            case ABORTED -> window.setAbortedJobs(window.getAbortedJobs() + 1);
            default -> window.setFailedJobs(window.getFailedJobs() + 1);
        }
        if (job.getUsageEvents() > 0) {
            window.setJobsWithUsage(window.getJobsWithUsage() + 1);
        }
        window.setInputTokens(window.getInputTokens() + job.getInputTokens());
        window.setOutputTokens(window.getOutputTokens() + job.getOutputTokens());
        window.setReasoningTokens(window.getReasoningTokens() + job.getReasoningTokens());
        window.setCachedTokens(window.getCachedTokens() + job.getCachedTokens());
        window.setCost(window.getCost() + job.getCost());
        window.setDeltas(window.getDeltas() + job.getDeltas());
        window.setBytes(window.getBytes() + job.getBytes());
        Instant firstChunk = job.getFirstChunkAt();
        if (firstChunk != null) {
            window.setFirstChunkMillis(recorded(window.getFirstChunkMillis(), JobUsageFold.millisSinceStart(job, firstChunk)));
        }
        window.setDurationMillis(recorded(window.getDurationMillis(), JobUsageFold.millisSinceStart(job, endedAt)));
    }

    private static ByteBuffer recorded(ByteBuffer encoded, long millis) {
        LatencyHistogram histogram = LatencyHistogram.decode(encoded);
        histogram.record(millis);
        return histogram.encode();
    }
}
