package io.tributary.ingest.job;

import java.time.Duration;
import java.util.Optional;

import io.tributary.ingest.limit.JobRefusedException;
import io.tributary.ingest.limit.LimitProperties;
import io.tributary.ingest.limit.RefusalKind;
import io.tributary.ingest.limit.StartRateLimiter;

/**
 * Decides whether a job may start here: only while this instance holds a valid lease, and within
 * the limits (instance capacity, the user's running jobs, the user's starts per minute). Foreground
 * and background jobs count alike. A refused start has taken nothing: no place, no rate token.
 */
public final class JobAdmission {

    private final InstanceLiveness liveness;
    private final JobRegistry registry;
    private final StartRateLimiter startRate;
    private final JobMetrics metrics;
    private final LimitProperties limits;
    private final Duration notReadyRetryAfter;

    /**
     * @param notReadyRetryAfter the {@code Retry-After} while no lease is held: about the time a
     *     renewal takes to come back
     */
    public JobAdmission(InstanceLiveness liveness, JobRegistry registry, StartRateLimiter startRate,
            JobMetrics metrics, LimitProperties limits, Duration notReadyRetryAfter) {
        this.liveness = liveness;
        this.registry = registry;
        this.startRate = startRate;
        this.metrics = metrics;
        this.limits = limits;
        this.notReadyRetryAfter = notReadyRetryAfter;
    }

    /**
     * The instance id to start a job under.
     *
     * @throws JobRefusedException when this instance holds no valid lease
     */
    String instanceIdForNewJob() {
        return liveness.activeInstanceId().orElseThrow(() -> refuse(RefusalKind.NOT_READY,
                "The ingest service cannot start jobs right now; try again later", notReadyRetryAfter));
    }

    /**
     * Gives the job its place among the running jobs.
     *
     * @throws JobRefusedException when a limit is reached
     */
    void admit(IngestJob job) {
        RefusalKind full = registry.tryAdd(job);
        if (full != null) {
            throw refuse(full, messageFor(full), full == RefusalKind.NOT_READY ? notReadyRetryAfter : limits.busyRetryAfter());
        }
        Optional<Duration> wait = startRate.tryStart(job.spec().userId());
        if (wait.isPresent()) {
            registry.remove(job);
            throw refuse(RefusalKind.USER_RATE, "Too many jobs started: at most " + limits.startsPerUserPerMinute()
                    + " per minute", wait.get());
        }
    }

    private String messageFor(RefusalKind kind) {
        return switch (kind) {
            case USER_CONCURRENCY -> "Too many running jobs: at most " + limits.concurrentJobsPerUser() + " at once";
            case INSTANCE_CAPACITY -> "Server busy, try again later";
            case NOT_READY -> "The ingest service is shutting down; try again later";
            case USER_RATE -> "Too many jobs started";
        };
    }

    private JobRefusedException refuse(RefusalKind kind, String message, Duration retryAfter) {
        metrics.refused(kind);
        return new JobRefusedException(kind, message, retryAfter);
    }
}
