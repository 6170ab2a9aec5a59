package io.tributary.gateway.sse;

import io.tributary.schema.JobState;
import org.jspecify.annotations.Nullable;

/** What every message of a job repeats and what never changes once the job started. */
public record JobHeader(
        String id,
        @Nullable String threadId,
        @Nullable String messageId,
        @Nullable String model,
        long startedAt) {

    public static JobHeader of(JobState state) {
        return new JobHeader(state.getJobId(), state.getThreadId(), state.getMessageId(), state.getModel(),
                state.getStartedAt().toEpochMilli());
    }
}
