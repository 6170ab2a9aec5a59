package io.tributary.processor.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import io.tributary.processor.Presences;
import io.tributary.schema.PresenceKind;
import org.junit.jupiter.api.Test;

class JobViewersTest {

    private static final Instant T = Instant.parse("2025-01-01T00:00:00Z");

    private final Presences tab = Presences.of("job-a", "gateway-1", "c-1");
    private final Presences otherTab = Presences.of("job-a", "gateway-2", "c-1");

    @Test
    void shouldRecordAJoinedConnectionUntilItsLeaseExpires() {
        JobViewers viewers = JobViewers.none().with(tab.joined(T, T.plusSeconds(30)));

        assertThat(viewers.connections()).containsExactly(
                new ViewerConnection("gateway-1", "c-1", T, T.plusSeconds(30), false));
    }

    @Test
    void shouldExtendAConnectionOnRenewalAndNeverShrinkIt() {
        JobViewers viewers = JobViewers.none()
                .with(tab.joined(T, T.plusSeconds(30)))
                .with(tab.renewed(T.plusSeconds(20), T.plusSeconds(50)))
                .with(tab.renewed(T.plusSeconds(10), T.plusSeconds(40)));

        assertThat(viewers.connections()).containsExactly(
                new ViewerConnection("gateway-1", "c-1", T, T.plusSeconds(50), false));
    }

    @Test
    void shouldRecordARenewalOfAnUnknownConnectionFromItsTime() {
        JobViewers viewers = JobViewers.none().with(tab.renewed(T.plusSeconds(20), T.plusSeconds(50)));

        assertThat(viewers.connections()).containsExactly(
                new ViewerConnection("gateway-1", "c-1", T.plusSeconds(20), T.plusSeconds(50), false));
    }

    @Test
    void shouldEndAConnectionWhenItLeavesEvenBeforeItsLeaseAndForGood() {
        JobViewers left = JobViewers.none()
                .with(tab.joined(T, T.plusSeconds(30)))
                .with(tab.left(T.plusSeconds(5)));

        assertThat(left.connections()).containsExactly(
                new ViewerConnection("gateway-1", "c-1", T, T.plusSeconds(5), true));
        assertThat(left.accepts(tab.renewed(T.plusSeconds(6), T.plusSeconds(36)))).isFalse();
        assertThat(left.accepts(tab.joined(T.plusSeconds(6), T.plusSeconds(36)))).isFalse();
        assertThat(left.accepts(tab.left(T.plusSeconds(7)))).isFalse();
        assertThat(left.with(tab.renewed(T.plusSeconds(6), T.plusSeconds(36)))).isEqualTo(left);
    }

    @Test
    void shouldRecordALeaveOfAnUnknownConnectionAsAMomentSoThatLaterRenewalsCannotReviveIt() {
        JobViewers viewers = JobViewers.none().with(tab.left(T));

        assertThat(viewers.connections()).containsExactly(new ViewerConnection("gateway-1", "c-1", T, T, true));
        assertThat(viewers.accepts(tab.renewed(T, T.plusSeconds(30)))).isFalse();
    }

    @Test
    void shouldKeepConnectionsOfOtherGatewaysApartEvenWithTheSameConnectionId() {
        JobViewers viewers = JobViewers.none()
                .with(tab.joined(T, T.plusSeconds(30)))
                .with(otherTab.joined(T.plusSeconds(1), T.plusSeconds(31)))
                .with(tab.left(T.plusSeconds(2)));

        assertThat(viewers.connections()).containsExactly(
                new ViewerConnection("gateway-1", "c-1", T, T.plusSeconds(2), true),
                new ViewerConnection("gateway-2", "c-1", T.plusSeconds(1), T.plusSeconds(31), false));
        assertThat(viewers.accepts(otherTab.renewed(T.plusSeconds(3), T.plusSeconds(33)))).isTrue();
    }

    @Test
    void shouldRefuseAKindItDoesNotKnow() {
        assertThat(JobViewers.none().accepts(tab.presence(PresenceKind.UNKNOWN, T, T.plusSeconds(30)))).isFalse();
        assertThat(JobViewers.understands(tab.presence(PresenceKind.UNKNOWN, T, T))).isFalse();
    }

    @Test
    void shouldCountAConnectionAsWatchingFromItsJoinToItsEndBothIncluded() {
        JobViewers viewers = JobViewers.none().with(tab.joined(T, T.plusSeconds(30)));

        assertThat(viewers.watchedAt(T.minusMillis(1))).isFalse();
        assertThat(viewers.watchedAt(T)).isTrue();
        assertThat(viewers.watchedAt(T.plusSeconds(30))).isTrue();
        assertThat(viewers.watchedAt(T.plusSeconds(30).plusMillis(1))).isFalse();
        assertThat(JobViewers.none().watchedAt(T)).isFalse();
    }

    @Test
    void shouldTellWhetherAllConnectionsEndedBeforeACutoff() {
        JobViewers viewers = JobViewers.none()
                .with(tab.joined(T, T.plusSeconds(30)))
                .with(otherTab.joined(T, T.plusSeconds(60)));

        assertThat(viewers.allEndedBefore(T.plusSeconds(60))).isFalse();
        assertThat(viewers.allEndedBefore(T.plusSeconds(60).plusMillis(1))).isTrue();
        assertThat(JobViewers.none().allEndedBefore(T)).isTrue();
    }
}
