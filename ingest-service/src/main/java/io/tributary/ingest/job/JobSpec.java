package io.tributary.ingest.job;

import io.tributary.schema.JobMode;
import org.jspecify.annotations.Nullable;

/**
 * Who starts a job and for what; it goes into the job's STARTED event.
 *
 * @param userId the {@code sub} of the caller's token: the job's owner
 * @param threadId the caller's chat thread (required in background mode)
 * @param messageId the caller's assistant message that the job fills (required in background mode)
 * @param model the requested model, as the caller named it
 * @param traceparent the W3C {@code traceparent} of the request that started the job, when it sent a
 *     valid one: the job's trace continues it
 */
public record JobSpec(String userId, @Nullable String threadId, @Nullable String messageId, @Nullable String model,
        JobMode mode, @Nullable String traceparent) {

    /** A job that continues no caller's trace. */
    public JobSpec(String userId, @Nullable String threadId, @Nullable String messageId, @Nullable String model,
            JobMode mode) {
        this(userId, threadId, messageId, model, mode, null);
    }
}
