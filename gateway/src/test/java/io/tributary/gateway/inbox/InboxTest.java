package io.tributary.gateway.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

import io.tributary.gateway.kafka.ReplicatedRecord;
import io.tributary.schema.JobStatus;
import io.tributary.schema.MarkKind;
import io.tributary.schema.Notification;
import io.tributary.schema.NotificationMark;
import io.tributary.schema.topic.RecordKeys;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;

/** The inbox rules without Kafka: records are applied as the replica would apply them. */
class InboxTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final Inbox inbox = new Inbox();

    @Test
    void shouldListNewestFirstInPagesThatFollowEachOtherByEventId() {
        for (long offset = 10; offset < 15; offset++) {
            notify("alice", offset, "n" + offset);
        }

        InboxPage first = inbox.page("alice", null, 2);
        InboxPage second = inbox.page("alice", first.nextBefore(), 2);
        InboxPage last = inbox.page("alice", second.nextBefore(), 2);

        assertThat(offsets(first)).containsExactly(14L, 13L);
        assertThat(first.nextBefore()).isEqualTo(13L);
        assertThat(offsets(second)).containsExactly(12L, 11L);
        assertThat(offsets(last)).containsExactly(10L);
        assertThat(last.nextBefore()).isNull();
        assertThat(first.unreadCount()).isEqualTo(5);
        assertThat(first.items().get(0).eventId()).isEqualTo("14");
    }

    @Test
    void shouldEndPagingWhenThePageIsExactlyTheRest() {
        notify("alice", 1, "a");
        notify("alice", 2, "b");

        InboxPage page = inbox.page("alice", null, 2);

        assertThat(offsets(page)).containsExactly(2L, 1L);
        assertThat(page.nextBefore()).isNull();
    }

    @Test
    void shouldCountAndShowAReadMarkOnlyOnItsNotification() {
        notify("alice", 1, "a");
        notify("alice", 2, "b");

        mark("alice", MarkKind.READ, "a", null, T0.plusSeconds(5), 0);

        assertThat(inbox.unreadCount("alice")).isEqualTo(1);
        assertThat(inbox.find("alice", "a").orElseThrow().readAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(inbox.find("alice", "b").orElseThrow().read()).isFalse();
    }

    @Test
    void shouldReadEverythingUpToTheAllReadOffsetAndLeaveLaterNotificationsUnread() {
        notify("alice", 1, "a");
        notify("alice", 4, "b");
        mark("alice", MarkKind.ALL_READ, null, 4L, T0.plusSeconds(9), 0);
        notify("alice", 7, "c");

        assertThat(inbox.unreadCount("alice")).isEqualTo(1);
        assertThat(inbox.find("alice", "b").orElseThrow().readAt()).isEqualTo(T0.plusSeconds(9));
        assertThat(inbox.find("alice", "c").orElseThrow().read()).isFalse();
    }

    @Test
    void shouldApplyAMarkReadBeforeTheNotificationsItCovers() {
        // The two topics are read in no fixed order relative to each other.
        mark("alice", MarkKind.READ, "a", null, T0, 0);
        mark("alice", MarkKind.ALL_READ, null, 5L, T0.plusSeconds(1), 1);
        notify("alice", 3, "a");
        notify("alice", 5, "b");
        notify("alice", 6, "c");

        assertThat(inbox.find("alice", "a").orElseThrow().readAt()).isEqualTo(T0);
        assertThat(inbox.find("alice", "b").orElseThrow().readAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(inbox.unreadCount("alice")).isEqualTo(1);
    }

    @Test
    void shouldNeverMoveAnAllReadMarkBackwards() {
        notify("alice", 1, "a");
        notify("alice", 2, "b");
        mark("alice", MarkKind.ALL_READ, null, 2L, T0, 0);

        // Written by a gateway that lagged behind when the user asked.
        mark("alice", MarkKind.ALL_READ, null, 1L, T0.plusSeconds(1), 1);

        assertThat(inbox.unreadCount("alice")).isZero();
        assertThat(inbox.allReadThroughNow("alice")).hasValue(2);
    }

    @Test
    void shouldHideAndForgetWhatACleanCovers() {
        notify("alice", 1, "a");
        notify("alice", 2, "b");
        mark("alice", MarkKind.CLEARED, null, 2L, T0, 0);
        notify("alice", 3, "c");

        assertThat(offsets(inbox.page("alice", null, 50))).containsExactly(3L);
        assertThat(inbox.find("alice", "a")).isEmpty();
        assertThat(inbox.unreadCount("alice")).isEqualTo(1);
        assertThat(inbox.visibleCount("alice", 3)).isEqualTo(1);
        assertThat(inbox.clearThroughNow("alice")).hasValue(3);
    }

    @Test
    void shouldHideANotificationThatArrivesAfterTheClearThatCoversIt() {
        mark("alice", MarkKind.CLEARED, null, 5L, T0, 0);
        notify("alice", 4, "a");

        assertThat(inbox.page("alice", null, 50).items()).isEmpty();
        assertThat(inbox.unreadCount("alice")).isZero();
        assertThat(inbox.clearThroughNow("alice")).hasValue(5);
    }

    @Test
    void shouldShowANotificationIdSeenTwiceOnceAtItsFirstOffset() {
        notify("alice", 1, "a");
        notify("alice", 2, "a");

        assertThat(offsets(inbox.page("alice", null, 50))).containsExactly(1L);
        assertThat(inbox.unreadCount("alice")).isEqualTo(1);
    }

    @Test
    void shouldKeepEachUsersInboxToThemselves() {
        notify("alice", 1, "a");
        notify("bob", 2, "b");
        mark("bob", MarkKind.READ, "a", null, T0, 0);

        assertThat(inbox.find("bob", "a")).isEmpty();
        assertThat(inbox.find("alice", "a").orElseThrow().read()).isFalse();
        assertThat(offsets(inbox.page("bob", null, 50))).containsExactly(2L);
        assertThat(inbox.page("carol", null, 50).items()).isEmpty();
        assertThat(inbox.allReadThroughNow("carol")).isEqualTo(OptionalLong.empty());
    }

    @Test
    void shouldIgnoreMarksWithoutWhatTheirKindNeedsAndTombstones() {
        notify("alice", 1, "a");

        mark("alice", MarkKind.READ, null, null, T0, 0);
        mark("alice", MarkKind.ALL_READ, null, null, T0, 1);
        mark("alice", MarkKind.UNKNOWN, "a", 1L, T0, 2);
        inbox.applyMark(new ReplicatedRecord<>(RecordKeys.mark("alice", "a"), null, 0, 3));
        inbox.applyNotification(new ReplicatedRecord<>("alice", null, 0, 4));

        assertThat(inbox.unreadCount("alice")).isEqualTo(1);
        assertThat(offsets(inbox.page("alice", null, 50))).containsExactly(1L);
    }

    @Test
    void shouldSendTheBacklogAfterTheCursorThenLiveItemsWithoutGapOrDuplicate() {
        notify("alice", 1, "a");
        notify("alice", 2, "b");
        notify("alice", 3, "c");
        Recorder feed = Recorder.of(inbox.feed("alice", 1L, 16), Long.MAX_VALUE);

        notify("alice", 4, "d");
        notify("alice", 4, "d");
        notify("bob", 5, "e");
        notify("alice", 6, "f");
        inbox.closeFeeds();

        assertThat(feed.offsets()).containsExactly(2L, 3L, 4L, 6L);
        assertThat(feed.completed()).isTrue();
        assertThat(inbox.feeds()).isZero();
    }

    @Test
    void shouldSendOnlyNewItemsWithoutACursorAndNothingCleared() {
        notify("alice", 1, "a");
        mark("alice", MarkKind.CLEARED, null, 1L, T0, 0);
        Recorder fresh = Recorder.of(inbox.feed("alice", null, 16), Long.MAX_VALUE);

        notify("alice", 2, "b");
        Recorder resumed = Recorder.of(inbox.feed("alice", 0L, 16), Long.MAX_VALUE);

        assertThat(fresh.offsets()).containsExactly(2L);
        assertThat(resumed.offsets()).containsExactly(2L);
        fresh.dispose();
        resumed.dispose();
        assertThat(inbox.feeds()).isZero();
    }

    @Test
    void shouldCloseAFeedThatFallsBehindItsBufferAfterWhatIsBuffered() {
        // No demand: the subscriber takes nothing until the buffer of 2 has overflowed.
        Recorder slow = Recorder.of(inbox.feed("alice", null, 2), 0);
        notify("alice", 1, "a");
        notify("alice", 2, "b");
        notify("alice", 3, "c");
        assertThat(inbox.feeds()).isZero();

        slow.request(10);

        assertThat(slow.offsets()).containsExactly(1L, 2L);
        assertThat(slow.completed()).isTrue();
    }

    @Test
    void shouldRegisterTheFeedOnlyWhenSubscribed() {
        Flux<InboxItem> notYet = inbox.feed("alice", null, 2);
        notify("alice", 1, "a");
        assertThat(inbox.feeds()).isZero();

        Recorder feed = Recorder.of(notYet, Long.MAX_VALUE);
        notify("alice", 2, "b");

        assertThat(inbox.feeds()).isEqualTo(1);
        assertThat(feed.offsets()).containsExactly(2L);
        feed.dispose();
    }

    /** Subscribes with a chosen demand and records what arrives (on the thread that applies records). */
    private static final class Recorder extends BaseSubscriber<InboxItem> {

        private final List<Long> offsets = new CopyOnWriteArrayList<>();
        private final long initialDemand;
        private volatile boolean completed;

        private Recorder(long initialDemand) {
            this.initialDemand = initialDemand;
        }

        static Recorder of(Flux<InboxItem> feed, long initialDemand) {
            Recorder recorder = new Recorder(initialDemand);
            feed.subscribe(recorder);
            return recorder;
        }

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            if (initialDemand > 0) {
                subscription.request(initialDemand);
            }
        }

        @Override
        protected void hookOnNext(InboxItem item) {
            offsets.add(item.offset());
        }

        @Override
        protected void hookOnComplete() {
            completed = true;
        }

        List<Long> offsets() {
            return offsets;
        }

        boolean completed() {
            return completed;
        }
    }

    private void notify(String userId, long offset, String id) {
        Notification notification = Notification.newBuilder()
                .setId(id)
                .setUserId(userId)
                .setJobId("job-" + id)
                .setType("ai.message.received")
                .setTitle("Reply ready")
                .setBody("Your reply is ready")
                .setOutcome(JobStatus.COMPLETE)
                .setCreatedAt(T0)
                .build();
        inbox.applyNotification(new ReplicatedRecord<>(userId, notification, 0, offset));
    }

    private void mark(String userId, MarkKind kind, @Nullable String notificationId, @Nullable Long through,
            Instant at, long markOffset) {
        NotificationMark mark = NotificationMark.newBuilder()
                .setUserId(userId)
                .setKind(kind)
                .setNotificationId(notificationId)
                .setThroughOffset(through)
                .setAt(at)
                .build();
        inbox.applyMark(new ReplicatedRecord<>(RecordKeys.mark(userId, String.valueOf(kind)), mark, 0, markOffset));
    }

    private static List<Long> offsets(InboxPage page) {
        return page.items().stream().map(InboxItem::offset).toList();
    }
}
