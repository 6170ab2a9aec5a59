package io.tributary.ingest.limit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Admission limits of jobs, foreground and background alike. A job holds its place from the moment
 * it is admitted until it ends for any reason (completed, failed, aborted, timed out, shut down,
 * refused by the log); the place is free again at once.
 *
 * @param concurrentJobsPerUser the most jobs one user may have running on this instance at once
 *     (default 5, as the original API); one more answers 429. Counted per instance: a user whose
 *     requests a load balancer spreads over N instances may run up to N times as many
 * @param concurrentJobsPerInstance the most jobs this ingest instance runs at once, all users together
 *     (default 20); one more answers 503 "server busy". It is per instance on purpose: it protects
 *     what one process holds (upstream connections, buffers, producer memory), needs no coordination
 *     between instances, and the total capacity grows with every instance added. A global cap would
 *     need a shared counter on every start and would fail closed when that counter is unreachable
 * @param startsPerUserPerMinute how many jobs one user may start within any sliding minute (default 30);
 *     one more answers 429 with {@code Retry-After} saying when the oldest start leaves the window
 * @param busyRetryAfter the {@code Retry-After} given when a concurrency limit refuses (default 5 s):
 *     when a running job will end is unknown, and jobs last seconds to minutes
 */
@ConfigurationProperties("tributary.ingest.limits")
public record LimitProperties(
        @DefaultValue("5") int concurrentJobsPerUser,
        @DefaultValue("20") int concurrentJobsPerInstance,
        @DefaultValue("30") int startsPerUserPerMinute,
        @DefaultValue("5s") Duration busyRetryAfter) {

    public LimitProperties {
        requirePositive("concurrent-jobs-per-user", concurrentJobsPerUser);
        requirePositive("concurrent-jobs-per-instance", concurrentJobsPerInstance);
        requirePositive("starts-per-user-per-minute", startsPerUserPerMinute);
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("tributary.ingest.limits." + name + " must be at least 1, not " + value);
        }
    }
}
