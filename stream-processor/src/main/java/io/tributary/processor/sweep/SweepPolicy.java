package io.tributary.processor.sweep;

import java.time.Instant;

import io.tributary.schema.InstanceLease;
import io.tributary.schema.JobState;
import io.tributary.schema.LeaseStatus;
import org.jspecify.annotations.Nullable;

/**
 * Decides what happens to one job on a sweep, from its state, its owner's lease, what the sweeper
 * already did for it and the processor's current time. Pure: the same inputs give the same decision.
 *
 * <ul>
 *   <li>A streaming job whose owner's lease is STOPPED or expired, by more than the orphan grace, or
 *       missing while the job has been silent for longer than a lease lasts plus the grace, is an
 *       orphan: it is ended (once; again only if that terminal event lost to a later one). A STOPPED
 *       owner ended its jobs itself before it said so; the grace lets their terminal events be folded
 *       first, and the sweeper writes nothing before its task has processed them ({@link LogProgress}).</li>
 *   <li>A streaming job of a live owner (lease not expired) is never ended here; once it is older than
 *       the job timeout plus its grace the owner is asked, once, to time it out.</li>
 *   <li>A job that still streams longer than the timeout escalation after that request is ended as
 *       timed out by the sweeper itself (once; again only if that terminal event lost to a later
 *       one). The owner ignored the command because it no longer runs the job (it gave up on it, say
 *       after Kafka refused one of its events, without a terminal event) while its lease lives on for
 *       its other jobs; nothing else would ever end the job. An owner that ignored a TIMEOUT for that
 *       long no longer writes the job; should it still do, the first terminal event in log order wins
 *       for every reader (the fold, the gateway), and the other is a stray record they all ignore.</li>
 *   <li>A finished job is retired once its retention has passed since it completed.</li>
 * </ul>
 */
public final class SweepPolicy {

    private final SweepSettings settings;

    public SweepPolicy(SweepSettings settings) {
        this.settings = settings;
    }

    /**
     * @param job the job's current state
     * @param ownerLease the lease of the instance named by {@code job.ingestInstanceId}, or null when
     *     that instance has no lease (or the job names no instance)
     * @param mark what the sweeper already did for the job, or null for nothing
     * @param now the processor's wall-clock time
     */
    public SweepDecision decide(JobState job, @Nullable InstanceLease ownerLease, @Nullable SweepMark mark, Instant now) {
        return switch (job.getStatus()) {
            case STREAMING -> decideStreaming(job, ownerLease, mark == null ? SweepMark.none() : mark, now);
            case COMPLETE, ERROR, ABORTED -> isPastRetention(job, now) ? new SweepDecision.Retire() : SweepDecision.KEEP;
            default -> SweepDecision.KEEP;
        };
    }

    private SweepDecision decideStreaming(JobState job, @Nullable InstanceLease lease, SweepMark mark, Instant now) {
        if (mark.terminalInFlight(job.getSeq())) {
            return SweepDecision.KEEP;
        }
        OrphanCause cause = orphanCause(job, lease, now);
        if (cause != null) {
            return new SweepDecision.EndOrphan(cause);
        }
        Instant timeoutRequestedAt = mark.timeoutRequestedAt();
        if (timeoutRequestedAt != null) {
            return isPastEscalation(timeoutRequestedAt, now) ? new SweepDecision.EndTimedOut() : SweepDecision.KEEP;
        }
        if (lease != null && isLive(lease, now) && isOverAge(job, now)) {
            return new SweepDecision.RequestTimeout();
        }
        return SweepDecision.KEEP;
    }

    private @Nullable OrphanCause orphanCause(JobState job, @Nullable InstanceLease lease, Instant now) {
        if (lease == null) {
            return now.isAfter(job.getUpdatedAt().plus(settings.silenceWithoutLease())) ? OrphanCause.NO_LEASE : null;
        }
        if (lease.getStatus() == LeaseStatus.STOPPED) {
            return now.isAfter(lease.getRenewedAt().plus(settings.orphanGrace())) ? OrphanCause.OWNER_STOPPED : null;
        }
        return now.isAfter(lease.getExpiresAt().plus(settings.orphanGrace())) ? OrphanCause.LEASE_EXPIRED : null;
    }

    private static boolean isLive(InstanceLease lease, Instant now) {
        return lease.getStatus() != LeaseStatus.STOPPED && !now.isAfter(lease.getExpiresAt());
    }

    private boolean isOverAge(JobState job, Instant now) {
        return now.isAfter(job.getStartedAt().plus(settings.timeoutAfter()));
    }

    private boolean isPastEscalation(Instant timeoutRequestedAt, Instant now) {
        return now.isAfter(timeoutRequestedAt.plus(settings.timeoutEscalation()));
    }

    private boolean isPastRetention(JobState job, Instant now) {
        // Every terminal event sets completedAt; updatedAt only stands in for a state written otherwise.
        Instant completedAt = job.getCompletedAt() != null ? job.getCompletedAt() : job.getUpdatedAt();
        return now.isAfter(completedAt.plus(settings.retention()));
    }
}
