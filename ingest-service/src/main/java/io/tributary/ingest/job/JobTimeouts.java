package io.tributary.ingest.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * Ends the jobs that run too long or hear nothing from their upstream: one sweep over the running
 * jobs every check interval, on a shared scheduler (no timer or thread per job). A timed-out job's
 * upstream is cancelled and it ends FAILED(TIMEOUT) "Job timed out" with its content so far.
 *
 * <p>A job is idle when no upstream byte at all has arrived for the idle timeout, SSE comments
 * included: a provider that sends keep-alive comments while a model thinks is alive. The idle clock
 * starts when the job starts, so a request that gets no answer at all times out too.
 */
public final class JobTimeouts implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobTimeouts.class);

    private final JobRegistry registry;
    private final Clock clock;
    private final Duration maxDuration;
    private final Duration idleTimeout;
    private final Duration checkInterval;
    private final Scheduler scheduler;
    private @Nullable Disposable sweeps;

    public JobTimeouts(JobRegistry registry, Clock clock, Duration maxDuration, Duration idleTimeout,
            Duration checkInterval, Scheduler scheduler) {
        this.registry = registry;
        this.clock = clock;
        this.maxDuration = maxDuration;
        this.idleTimeout = idleTimeout;
        this.checkInterval = checkInterval;
        this.scheduler = scheduler;
    }

    /** Times out every running job past one of its limits; returns how many. */
    public int sweep() {
        Instant now = clock.instant();
        int timedOut = 0;
        for (IngestJob job : registry.running()) {
            TimeoutKind kind = overdue(job, now);
            if (kind != null && job.timeOut(kind)) {
                timedOut++;
            }
        }
        return timedOut;
    }

    private void sweepOrLog() {
        try {
            sweep();
        } catch (RuntimeException e) {
            // A failed sweep must not end the periodic task: the next one may well succeed.
            log.error("The timeout sweep failed", e);
        }
    }

    private @Nullable TimeoutKind overdue(IngestJob job, Instant now) {
        if (!now.isBefore(job.startedAt().plus(maxDuration))) {
            return TimeoutKind.MAX_DURATION;
        }
        if (!now.isBefore(job.lastUpstreamActivity().plus(idleTimeout))) {
            return TimeoutKind.IDLE;
        }
        return null;
    }

    @Override
    public synchronized void start() {
        if (sweeps == null) {
            long every = checkInterval.toMillis();
            sweeps = scheduler.schedulePeriodically(this::sweepOrLog, every, every, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void stop() {
        if (sweeps != null) {
            sweeps.dispose();
            sweeps = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return sweeps != null;
    }
}
