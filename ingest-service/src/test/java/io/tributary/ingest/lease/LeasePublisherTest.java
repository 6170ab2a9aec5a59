package io.tributary.ingest.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.ingest.testing.MutableClock;
import io.tributary.schema.InstanceLease;
import io.tributary.schema.LeaseStatus;
import org.junit.jupiter.api.Test;

/**
 * The lease driven by hand (each {@code renew()} is what the timer does every renew interval) on a
 * clock the test moves: when it counts as held, when the instance fences itself, what it writes.
 */
class LeasePublisherTest {

    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final LeaseProperties TIMINGS =
            new LeaseProperties(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(2));

    private final MutableClock clock = new MutableClock(START);
    private final ScriptedLeaseWriter writer = new ScriptedLeaseWriter();
    private final List<String> fenced = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final LeasePublisher lease = new LeasePublisher("ingest-a", writer, TIMINGS, clock, fenced::add,
            new LeaseMetrics(meters));

    @Test
    void shouldHoldNoLeaseUntilTheFirstOneIsAcknowledged() {
        writer.answer = ScriptedLeaseWriter.Answer.HOLD;
        lease.renew();

        assertThat(lease.activeInstanceId()).isEmpty();
        assertThat(lease.mayWrite("ingest-a")).isFalse();

        writer.held.get(0).complete(null);

        assertThat(lease.activeInstanceId()).contains("ingest-a");
        assertThat(lease.mayWrite("ingest-a")).isTrue();
        assertThat(meters.get("tributary.ingest.lease.valid").gauge().value()).isEqualTo(1.0);
    }

    @Test
    void shouldWriteAnAliveLeaseValidForTheDurationKeyedByTheInstance() {
        lease.renew();
        clock.advance(Duration.ofSeconds(2));
        lease.renew();

        assertThat(writer.written).hasSize(2);
        InstanceLease renewed = writer.last();
        assertThat(renewed.getInstanceId()).isEqualTo("ingest-a");
        assertThat(renewed.getStatus()).isEqualTo(LeaseStatus.ALIVE);
        assertThat(renewed.getRenewedAt()).isEqualTo(START.plusSeconds(2));
        assertThat(renewed.getExpiresAt()).isEqualTo(START.plusSeconds(12));
        assertThat(meters.counter("tributary.ingest.lease.renewals", "result", "acknowledged").count()).isEqualTo(2.0);
    }

    @Test
    void shouldKeepWritingUntilJustBeforeTheLastAcknowledgedLeaseExpiresLessTheMargin() {
        lease.renew();
        writer.answer = ScriptedLeaseWriter.Answer.FAIL;

        // Renewals fail from now on; the lease written at 0 s expires at 10 s, the margin is 2 s.
        for (int second = 2; second < 8; second += 2) {
            clock.advance(Duration.ofSeconds(2));
            lease.renew();
            assertThat(lease.mayWrite("ingest-a")).as("at %d s", second).isTrue();
        }
        clock.advance(Duration.ofMillis(1999));
        assertThat(lease.mayWrite("ingest-a")).as("at 7.999 s").isTrue();
        assertThat(lease.fenceIfExpiring()).isFalse();

        clock.advance(Duration.ofMillis(1));

        assertThat(lease.mayWrite("ingest-a")).as("at 8 s, before any timer ran").isFalse();
        assertThat(lease.fenceIfExpiring()).isTrue();
        assertThat(fenced).containsExactly("ingest-a");
        assertThat(meters.counter("tributary.ingest.lease.renewals", "result", "failed").count()).isEqualTo(3.0);
        assertThat(meters.counter("tributary.ingest.lease.fenced").count()).isEqualTo(1.0);
    }

    @Test
    void shouldNeverRenewAFencedIdAgainButGoOnUnderANewOne() {
        lease.renew();
        writer.answer = ScriptedLeaseWriter.Answer.FAIL;
        clock.advance(Duration.ofSeconds(8));
        lease.renew();
        assertThat(fenced).containsExactly("ingest-a");
        assertThat(lease.activeInstanceId()).isEmpty();

        writer.answer = ScriptedLeaseWriter.Answer.ACKNOWLEDGE;
        clock.advance(Duration.ofSeconds(2));
        lease.renew();

        assertThat(writer.last().getInstanceId()).isEqualTo("ingest-a-2");
        assertThat(lease.activeInstanceId()).contains("ingest-a-2");
        assertThat(lease.mayWrite("ingest-a")).as("the fenced id, for good").isFalse();
        assertThat(lease.mayWrite("ingest-a-2")).isTrue();
        assertThat(writer.written).filteredOn(l -> l.getInstanceId().equals("ingest-a"))
                .allSatisfy(l -> assertThat(l.getRenewedAt()).isBefore(START.plusSeconds(10)));
    }

    @Test
    void shouldIgnoreAnAcknowledgementThatArrivesAfterTheIdWasFenced() {
        lease.renew();
        writer.answer = ScriptedLeaseWriter.Answer.HOLD;
        clock.advance(Duration.ofSeconds(2));
        lease.renew();
        clock.advance(Duration.ofSeconds(6));
        lease.fenceIfExpiring();

        writer.held.get(0).complete(null);

        assertThat(lease.mayWrite("ingest-a")).isFalse();
        assertThat(lease.activeInstanceId()).isEmpty();
    }

    @Test
    void shouldNotStackRenewalsWhileOneIsOnItsWay() {
        writer.answer = ScriptedLeaseWriter.Answer.HOLD;
        lease.renew();
        clock.advance(Duration.ofSeconds(2));
        lease.renew();
        lease.renew();

        assertThat(writer.written).hasSize(1);

        writer.held.get(0).completeExceptionally(new IllegalStateException("timed out"));
        lease.renew();
        assertThat(writer.written).hasSize(2);
    }

    @Test
    void shouldExtendTheLeaseOnlyFromWhenTheAcknowledgedRenewalWasWritten() {
        lease.renew();
        writer.answer = ScriptedLeaseWriter.Answer.HOLD;
        clock.advance(Duration.ofSeconds(2));
        lease.renew();
        // The renewal written at 2 s (expiring at 12 s) is acknowledged at 7 s: it may write until 10 s.
        clock.advance(Duration.ofSeconds(5));
        writer.held.get(0).complete(null);

        clock.advance(Duration.ofMillis(2999));
        assertThat(lease.mayWrite("ingest-a")).isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(lease.mayWrite("ingest-a")).isFalse();
    }

    @Test
    void shouldGiveUpTheLeaseWithAStoppedLeaseThatExpiresAtOnce() {
        lease.renew();
        clock.advance(Duration.ofSeconds(1));

        lease.release();

        InstanceLease stopped = writer.last();
        assertThat(stopped.getInstanceId()).isEqualTo("ingest-a");
        assertThat(stopped.getStatus()).isEqualTo(LeaseStatus.STOPPED);
        assertThat(stopped.getRenewedAt()).isEqualTo(START.plusSeconds(1));
        assertThat(stopped.getExpiresAt()).isEqualTo(stopped.getRenewedAt());
        assertThat(lease.mayWrite("ingest-a")).isFalse();
        assertThat(lease.activeInstanceId()).isEmpty();

        lease.renew();
        assertThat(writer.last().getStatus()).as("no renewal after STOPPED").isEqualTo(LeaseStatus.STOPPED);
    }

    @Test
    void shouldGoOnUnderANewIdWhenStartedAgainAfterGivingItsLeaseUp() {
        lease.start();
        try {
            assertThat(lease.activeInstanceId()).contains("ingest-a");
            lease.release();
            lease.stop();

            lease.start();

            assertThat(lease.activeInstanceId()).contains("ingest-a-2");
            assertThat(writer.last().getInstanceId()).isEqualTo("ingest-a-2");
            assertThat(writer.last().getStatus()).isEqualTo(LeaseStatus.ALIVE);
            assertThat(writer.written).filteredOn(written -> written.getInstanceId().equals("ingest-a"))
                    .last().extracting(InstanceLease::getStatus).isEqualTo(LeaseStatus.STOPPED);
        } finally {
            lease.stop();
        }
    }

    @Test
    void shouldTakeAFifthOfTheDurationAsTheSafetyMarginWhenNoneIsSet() {
        assertThat(new LeaseProperties(Duration.ofSeconds(2), Duration.ofSeconds(10), null).safetyMargin())
                .isEqualTo(Duration.ofSeconds(2));
        LeaseProperties shortLease = new LeaseProperties(Duration.ofSeconds(1), Duration.ofSeconds(3), null);
        assertThat(shortLease.safetyMargin()).isEqualTo(Duration.ofMillis(600));
        assertThat(shortLease.writableFor()).isEqualTo(Duration.ofMillis(2400));
    }

    @Test
    void shouldRefuseTimingsThatWouldFenceBetweenTwoRenewals() {
        assertThatThrownBy(() ->
                        new LeaseProperties(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("renew-interval");
        assertThatThrownBy(() ->
                        new LeaseProperties(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("safety-margin");
    }
}
