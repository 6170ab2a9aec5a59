package io.tributary.processor.sweep;

import java.time.Duration;

/**
 * The timings of the job sweeper, free of Spring so that the topology can be built from plain values
 * (the Spring side binds them from {@code tributary.processor.*}).
 *
 * @param sweepInterval how often each task scans its jobs, by the processor's wall clock
 * @param orphanGrace how long past its owner's lease expiry a streaming job is left alone before
 *     it is ended as interrupted; covers clock skew between the ingest and the processor
 * @param leaseDuration how long an ingest lease lasts after a renewal; only consulted when a job's
 *     owner has no lease at all, to decide how long a silent job may wait for one
 * @param jobTimeout the ingest's own maximum job duration
 * @param timeoutGrace how long past {@code jobTimeout} the processor waits for the ingest to end a
 *     job by itself before it sends a TIMEOUT command
 * @param timeoutEscalation how long after the TIMEOUT command a job that still streams is ended by
 *     the processor itself (failed, timeout); safe because an owner that ignored the command that
 *     long no longer runs the job, and should it still write, the first terminal event in log order
 *     wins for every reader
 * @param retention how long a finished job stays in the job state after it completed
 */
public record SweepSettings(Duration sweepInterval, Duration orphanGrace, Duration leaseDuration,
        Duration jobTimeout, Duration timeoutGrace, Duration timeoutEscalation, Duration retention) {

    public SweepSettings {
        requirePositive("sweepInterval", sweepInterval);
        requireNotNegative("orphanGrace", orphanGrace);
        requirePositive("leaseDuration", leaseDuration);
        requirePositive("jobTimeout", jobTimeout);
        requireNotNegative("timeoutGrace", timeoutGrace);
        requirePositive("timeoutEscalation", timeoutEscalation);
        requirePositive("retention", retention);
    }

    /** How long a job whose owner has no lease may stay silent before it is ended. */
    public Duration silenceWithoutLease() {
        return leaseDuration.plus(orphanGrace);
    }

    /** The age from which a job of a live owner is asked to time out. */
    public Duration timeoutAfter() {
        return jobTimeout.plus(timeoutGrace);
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    private static void requireNotNegative(String name, Duration value) {
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
    }
}
