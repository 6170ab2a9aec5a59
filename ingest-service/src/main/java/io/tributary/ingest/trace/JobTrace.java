package io.tributary.ingest.trace;

import io.micrometer.tracing.Span;
import org.jspecify.annotations.Nullable;

/**
 * One job's trace: the span that lasts from the job's start to its end, and the {@code traceparent}
 * that names it on every record of the job.
 *
 * @param traceparent what the job's records carry; null when the job has no trace
 */
public record JobTrace(@Nullable Span span, @Nullable String traceparent) {

    /** No span; the caller's traceparent (or none) passed on as it came. */
    public static JobTrace passThrough(@Nullable String traceparent) {
        return new JobTrace(null, traceparent);
    }

    /** Ends the job's span with its outcome. */
    public void end(String outcome) {
        if (span != null) {
            span.tag("tributary.job.outcome", outcome).end();
        }
    }
}
