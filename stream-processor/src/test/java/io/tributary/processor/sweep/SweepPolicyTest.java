package io.tributary.processor.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.tributary.processor.JobEvents;
import io.tributary.processor.JobStates;
import io.tributary.processor.Leases;
import io.tributary.schema.InstanceLease;
import io.tributary.schema.JobState;
import io.tributary.schema.LeaseStatus;
import org.junit.jupiter.api.Test;

class SweepPolicyTest {

    private static final Instant T0 = JobEvents.T0;
    private static final SweepSettings SETTINGS = new SweepSettings(Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofHours(1));

    private final SweepPolicy policy = new SweepPolicy(SETTINGS);
    private final JobEvents job = JobEvents.forJob("job-a");
    private final JobState streaming = JobStates.folded(job, job.started(), job.text(1, "a"));
    private final InstanceLease lease = Leases.alive("ingest-1", T0);

    @Test
    void shouldKeepAJobWhileItsOwnersLeaseHasNotExpiredByMoreThanTheGrace() {
        assertThat(policy.decide(streaming, lease, null, T0.plusSeconds(10))).isEqualTo(SweepDecision.KEEP);
        assertThat(policy.decide(streaming, lease, null, T0.plusSeconds(15))).isEqualTo(SweepDecision.KEEP);
        assertThat(policy.decide(streaming, lease, null, T0.plusSeconds(15).plusMillis(1)))
                .isEqualTo(new SweepDecision.EndOrphan(OrphanCause.LEASE_EXPIRED));
    }

    @Test
    void shouldEndAJobOfAStoppedOwnerOnceTheGraceHasPassedForItsOwnTerminalEventToBeFolded() {
        assertThat(policy.decide(streaming, Leases.stopped("ingest-1", T0), null, T0)).isEqualTo(SweepDecision.KEEP);
        assertThat(policy.decide(streaming, Leases.stopped("ingest-1", T0), null, T0.plusSeconds(5)))
                .isEqualTo(SweepDecision.KEEP);
        assertThat(policy.decide(streaming, Leases.stopped("ingest-1", T0), null, T0.plusSeconds(5).plusMillis(1)))
                .isEqualTo(new SweepDecision.EndOrphan(OrphanCause.OWNER_STOPPED));
    }

    @Test
    void shouldEndAJobWithoutLeaseOnlyWhenItHasBeenSilentForALeaseAndTheGrace() {
        Instant lastEvent = streaming.getUpdatedAt();

        assertThat(policy.decide(streaming, null, null, lastEvent.plusSeconds(15))).isEqualTo(SweepDecision.KEEP);
        assertThat(policy.decide(streaming, null, null, lastEvent.plusSeconds(16)))
                .isEqualTo(new SweepDecision.EndOrphan(OrphanCause.NO_LEASE));
    }

    @Test
    void shouldJudgeALeaseOfAnUnknownFutureStatusByItsExpiry() {
        InstanceLease unknown = InstanceLease.newBuilder(lease).setStatus(LeaseStatus.UNKNOWN).build();

        assertThat(policy.decide(streaming, unknown, null, T0.plusSeconds(15))).isEqualTo(SweepDecision.KEEP);
        assertThat(policy.decide(streaming, unknown, null, T0.plusSeconds(16)))
                .isEqualTo(new SweepDecision.EndOrphan(OrphanCause.LEASE_EXPIRED));
    }

    @Test
    void shouldWaitForItsTerminalEventWhileTheStateIsBelowItsSeq() {
        SweepMark emitted = SweepMark.none().withTerminal(streaming.getSeq() + 1);

        assertThat(policy.decide(streaming, null, emitted, T0.plus(Duration.ofHours(1)))).isEqualTo(SweepDecision.KEEP);
    }

    @Test
    void shouldEndTheJobAgainWhenItsTerminalEventLostToLaterEventsOfTheOwner() {
        SweepMark emitted = SweepMark.none().withTerminal(2);
        JobState movedOn = JobStates.folded(job, job.started(), job.text(1, "a"), job.text(2, "b"), job.text(3, "c"));

        assertThat(policy.decide(movedOn, null, emitted, T0.plus(Duration.ofHours(1))))
                .isEqualTo(new SweepDecision.EndOrphan(OrphanCause.NO_LEASE));
    }

    @Test
    void shouldAskALiveOwnerToTimeOutAnOverAgeJobOnlyOnce() {
        InstanceLease longLease = Leases.alive("ingest-1", T0, T0.plus(Duration.ofHours(1)));
        Instant overAge = T0.plus(Duration.ofSeconds(331));

        assertThat(policy.decide(streaming, longLease, null, T0.plus(Duration.ofSeconds(330)))).isEqualTo(SweepDecision.KEEP);
        assertThat(policy.decide(streaming, longLease, null, overAge)).isEqualTo(new SweepDecision.RequestTimeout());
        assertThat(policy.decide(streaming, longLease, SweepMark.none().withTimeoutRequested(overAge), overAge))
                .isEqualTo(SweepDecision.KEEP);
    }

    @Test
    void shouldEndTheJobAsTimedOutOnlyOnceTheOwnerIgnoredTheTimeoutCommandForTheEscalation() {
        InstanceLease longLease = Leases.alive("ingest-1", T0, T0.plus(Duration.ofHours(1)));
        Instant requestedAt = T0.plus(Duration.ofSeconds(332));
        SweepMark requested = SweepMark.none().withTimeoutRequested(requestedAt);

        assertThat(policy.decide(streaming, longLease, requested, requestedAt.plusSeconds(2))).isEqualTo(SweepDecision.KEEP);
        assertThat(policy.decide(streaming, longLease, requested, requestedAt.plusSeconds(30)))
                .as("exactly the escalation after the command").isEqualTo(SweepDecision.KEEP);
        assertThat(policy.decide(streaming, longLease, requested, requestedAt.plusSeconds(30).plusMillis(1)))
                .isEqualTo(new SweepDecision.EndTimedOut());
    }

    @Test
    void shouldWaitForTheTimedOutTerminalEventAndEndTheJobAgainOnlyIfItLostToLaterEvents() {
        InstanceLease longLease = Leases.alive("ingest-1", T0, T0.plus(Duration.ofHours(1)));
        Instant late = T0.plus(Duration.ofMinutes(10));
        SweepMark ended = SweepMark.none().withTimeoutRequested(T0.plus(Duration.ofSeconds(332))).withTerminal(2);
        JobState movedOn = JobStates.folded(job, job.started(), job.text(1, "a"), job.text(2, "b"));

        assertThat(policy.decide(streaming, longLease, ended, late)).isEqualTo(SweepDecision.KEEP);
        assertThat(policy.decide(movedOn, longLease, ended, late)).isEqualTo(new SweepDecision.EndTimedOut());
    }

    @Test
    void shouldNeverEscalateTheTimeoutOfAJobThatEnded() {
        InstanceLease longLease = Leases.alive("ingest-1", T0, T0.plus(Duration.ofHours(1)));
        SweepMark requested = SweepMark.none().withTimeoutRequested(T0.plus(Duration.ofSeconds(332)));
        JobState completed = JobStates.folded(job, job.started(), job.text(1, "a"), job.completed(2, "stop"));
        JobState aborted = JobStates.folded(job, job.started(), job.text(1, "a"), job.aborted(2, "user"));

        for (JobState finished : List.of(completed, aborted)) {
            assertThat(policy.decide(finished, longLease, requested, T0.plus(Duration.ofMinutes(10))))
                    .isEqualTo(SweepDecision.KEEP);
        }
    }

    @Test
    void shouldNotAskAnOwnerWhoseLeaseHasExpiredToTimeOutButWaitForTheGrace() {
        InstanceLease expired = Leases.alive("ingest-1", T0.plus(Duration.ofSeconds(320)));
        Instant overAgeAndExpired = T0.plus(Duration.ofSeconds(332));

        assertThat(policy.decide(streaming, expired, null, overAgeAndExpired)).isEqualTo(SweepDecision.KEEP);
        assertThat(policy.decide(streaming, expired, null, T0.plus(Duration.ofSeconds(336))))
                .isEqualTo(new SweepDecision.EndOrphan(OrphanCause.LEASE_EXPIRED));
    }

    @Test
    void shouldStillEndAnOrphanWhoseTimeoutWasRequested() {
        assertThat(policy.decide(streaming, Leases.stopped("ingest-1", T0), SweepMark.none().withTimeoutRequested(T0),
                T0.plusSeconds(6))).isEqualTo(new SweepDecision.EndOrphan(OrphanCause.OWNER_STOPPED));
    }

    @Test
    void shouldRetireAFinishedJobOnlyAfterTheRetentionSinceItCompleted() {
        JobState aborted = JobStates.folded(job, job.started(), job.text(1, "a"), job.aborted(2, "user"));
        Instant completedAt = aborted.getCompletedAt();

        assertThat(policy.decide(aborted, null, null, completedAt.plus(Duration.ofHours(1)))).isEqualTo(SweepDecision.KEEP);
        assertThat(policy.decide(aborted, null, null, completedAt.plus(Duration.ofHours(1)).plusMillis(1)))
                .isEqualTo(new SweepDecision.Retire());
    }

    @Test
    void shouldNeverEndOrTimeOutAFinishedJob() {
        JobState failed = JobStates.folded(job, job.started(), job.failed(1, "boom"));

        assertThat(policy.decide(failed, Leases.stopped("ingest-1", T0), null, T0.plus(Duration.ofMinutes(10))))
                .isEqualTo(SweepDecision.KEEP);
    }

    @Test
    void shouldRefuseTimingsThatCannotWork() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SweepSettings(Duration.ZERO, Duration.ZERO,
                Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ZERO, Duration.ofSeconds(30), Duration.ofHours(1)));
        assertThatIllegalArgumentException().isThrownBy(() -> new SweepSettings(Duration.ofSeconds(2),
                Duration.ofSeconds(-1), Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ZERO,
                Duration.ofSeconds(30), Duration.ofHours(1)));
        assertThatIllegalArgumentException().as("an escalation of zero would not wait for the owner at all")
                .isThrownBy(() -> new SweepSettings(Duration.ofSeconds(2), Duration.ZERO, Duration.ofSeconds(10),
                        Duration.ofMinutes(5), Duration.ZERO, Duration.ZERO, Duration.ofHours(1)));
    }
}
