package io.tributary.processor.config;

import java.time.Duration;

import io.tributary.processor.sweep.SweepSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the processor ends orphaned jobs, backs up the ingest's job timeout and retires finished jobs.
 * An orphan ends at most about {@code leaseDuration + orphanGrace + sweepInterval} plus one commit
 * interval after its owner's last lease renewal.
 *
 * @param sweepInterval how often the jobs are scanned, by wall-clock time. Default 2 seconds
 *     ({@code TRIBUTARY_PROCESSOR_SWEEP_INTERVAL})
 * @param orphanGrace how long after its owner's lease expired a streaming job is ended as
 *     interrupted; it must exceed the clock skew between ingest and processor hosts. Default 5 seconds
 *     ({@code TRIBUTARY_PROCESSOR_ORPHAN_GRACE})
 * @param leaseDuration how long an ingest lease lasts after its renewal (the ingest's setting); a job
 *     whose owner has no lease at all is ended after this plus {@code orphanGrace} without an event.
 *     Default 30 seconds ({@code TRIBUTARY_PROCESSOR_LEASE_DURATION})
 * @param jobTimeout the ingest's maximum job duration. Default 5 minutes
 *     ({@code TRIBUTARY_PROCESSOR_JOB_TIMEOUT})
 * @param timeoutGrace how long past {@code jobTimeout} a job of a live owner may still stream before
 *     the processor sends its owner one TIMEOUT command. Default 30 seconds
 *     ({@code TRIBUTARY_PROCESSOR_TIMEOUT_GRACE})
 * @param timeoutEscalation how long after that TIMEOUT command a job that still streams is ended by
 *     the processor itself: it writes the job's terminal event, failed with reason TIMEOUT ("Job timed
 *     out"), as it does for an orphan. This ends a job its owner gave up on without a terminal event
 *     (say, after Kafka refused one of its events) while the owner's lease lives on: the owner ignores
 *     the command, as it runs no such job. Safe enough because an owner that ignored a TIMEOUT for
 *     this long no longer writes the job; should it still do, the first terminal event in log order
 *     wins for every reader and the other is ignored. Default 30 seconds
 *     ({@code TRIBUTARY_PROCESSOR_TIMEOUT_ESCALATION})
 * @param retention how long a finished job stays in the job state (and on {@code jobs.state}) after
 *     it completed; then it is tombstoned. The event log keeps it for its own retention. Default 1 hour
 *     ({@code TRIBUTARY_PROCESSOR_RETENTION}); the original kept 5 minutes, because it held jobs in
 *     its database, while here a finished job costs a compacted record and a store entry, and an hour
 *     lets a client that slept (a closed laptop, a backgrounded tab) still read how its job ended
 */
@ConfigurationProperties("tributary.processor")
public record JobSweepProperties(
        @DefaultValue("2s") Duration sweepInterval,
        @DefaultValue("5s") Duration orphanGrace,
        @DefaultValue("30s") Duration leaseDuration,
        @DefaultValue("5m") Duration jobTimeout,
        @DefaultValue("30s") Duration timeoutGrace,
        @DefaultValue("30s") Duration timeoutEscalation,
        @DefaultValue("1h") Duration retention) {

    SweepSettings settings() {
        return new SweepSettings(sweepInterval, orphanGrace, leaseDuration, jobTimeout, timeoutGrace, timeoutEscalation,
                retention);
    }
}
