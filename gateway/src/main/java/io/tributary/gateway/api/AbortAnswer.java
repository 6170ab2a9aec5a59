package io.tributary.gateway.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import org.jspecify.annotations.Nullable;

/**
 * The answer to an abort request, as the original gave it: {@code {"aborted": true}}, or
 * {@code {"aborted": false, "message": "..."}} when there was nothing to abort.
 */
@JsonInclude(Include.NON_NULL)
record AbortAnswer(boolean aborted, @Nullable String message) {

    static final AbortAnswer ABORTED = new AbortAnswer(true, null);

    /** The original's wording, which its clients may show as is. */
    static final AbortAnswer NOT_STREAMING = new AbortAnswer(false, "Job not found or already complete");
}
