package io.tributary.gateway.sse;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import org.jspecify.annotations.Nullable;

/**
 * A job in the list of a user's jobs: the status object of the original without the content (and
 * without the additions that grow with the job), so that a list stays small whatever the jobs hold.
 * Nulls are written, as in the status object.
 */
@JsonInclude(Include.ALWAYS)
public record JobSummaryBody(
        String id,
        String status,
        @Nullable String threadId,
        @Nullable String messageId,
        @Nullable String model,
        long chunksReceived,
        long startedAt,
        @Nullable Long completedAt,
        @Nullable String error) {
}
