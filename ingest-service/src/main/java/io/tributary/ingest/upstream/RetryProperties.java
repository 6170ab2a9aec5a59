package io.tributary.ingest.upstream;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Retries of an upstream request that was refused before anything was streamed: no connection
 * (refused, connect timeout), or HTTP 429, 502, 503. Nothing else is retried: not a 500 or a 4xx
 * (the same request would fail again), not a connection lost after it was made (the upstream may
 * have begun, and billed, the answer), never a stream that has begun. The waits count against the
 * job's idle timeout and maximum duration.
 *
 * @param maxAttempts how many times a request is sent at most, the first included (default 3);
 *     1 turns retries off
 * @param initialBackoff the wait before the first retry; it doubles for each next one (default 250 ms)
 * @param maxBackoff the longest wait between two attempts of the doubling backoff (default 5 s)
 * @param maxRetryAfter the longest {@code Retry-After} honoured (default 10 s): a longer one ends
 *     the retries and the refusal is reported, since waiting less than the upstream asked would only
 *     be refused again, and a caller should not wait longer
 * @param jitter the fraction of each backoff that is random (default 0.5), so that jobs refused
 *     together do not come back together
 */
@ConfigurationProperties("tributary.upstream.retry")
public record RetryProperties(
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("250ms") Duration initialBackoff,
        @DefaultValue("5s") Duration maxBackoff,
        @DefaultValue("10s") Duration maxRetryAfter,
        @DefaultValue("0.5") double jitter) {

    public RetryProperties {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("tributary.upstream.retry.max-attempts must be at least 1");
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("tributary.upstream.retry.jitter must be between 0 and 1");
        }
    }
}
