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
 */
public record JobSpec(String userId, @Nullable String threadId, @Nullable String messageId, @Nullable String model,
        JobMode mode) {
}
