package io.tributary.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.tributary.schema.Notification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A user's inbox is the same on every gateway, because the gateways keep nothing of it that
 * {@code notifications} and {@code notifications.marks} do not hold: the list, the marks (read, all
 * read, cleared), a gateway that crashed and came back, and the SSE feed resumed on another gateway.
 */
class InboxIT {

    private static final Duration INBOX_BOUND = Duration.ofSeconds(30);
    private static final Duration FEED_MESSAGE_BOUND = Duration.ofSeconds(60);

    private static TributaryStack stack;
    private static NotificationLog notifications;

    @BeforeAll
    static void startStack() throws Exception {
        stack = TributaryStack.shared();
        notifications = new NotificationLog(stack);
    }

    @Test
    void shouldShowTheSameInboxAndMarksOnBothGatewaysAlsoAfterAGatewayCrash() throws Exception {
        TributaryClient uma = TributaryClient.freshUser(stack, "uma");
        InboxClient first = uma.inbox();
        InboxClient second = uma.on(stack.secondGateway()).inbox();
        startJobs(uma, 3, "inbox");
        List<Notification> written = notifications.awaitCount(uma.user(), 3);
        List<String> newestFirst = newestFirst(written);

        awaitInbox(first, newestFirst, 3);
        awaitInbox(second, newestFirst, 3);
        JsonNode onFirst = first.list();
        assertThat(onFirst.path("notifications")).as("the same items on both gateways")
                .isEqualTo(second.list().path("notifications"));
        assertListItem(InboxClient.item(onFirst, written.get(2).getId()), written.get(2));

        String oldest = newestFirst.get(2);
        assertThat(first.markRead(oldest).statusCode()).isEqualTo(204);
        await().atMost(INBOX_BOUND).untilAsserted(() -> {
            JsonNode onSecond = second.list();
            assertThat(InboxClient.item(onSecond, oldest).path("read").asBoolean()).as("read on the other gateway").isTrue();
            assertThat(InboxClient.text(InboxClient.item(onSecond, oldest).path("readAt"))).as("readAt").isNotBlank();
            assertThat(InboxClient.item(onSecond, newestFirst.get(0)).path("read").asBoolean()).isFalse();
            assertThat(second.unreadCount()).isEqualTo(2);
        });

        HttpResponse<String> allRead = second.markAllRead();
        assertThat(allRead.statusCode()).isEqualTo(200);
        assertThat(TributaryClient.JSON.readTree(allRead.body()).path("unreadCount").asLong()).isZero();
        await().atMost(INBOX_BOUND).untilAsserted(() -> {
            assertThat(first.unreadCount()).isZero();
            first.list().path("notifications").forEach(item -> assertThat(item.path("read").asBoolean()).isTrue());
        });

        String later = uma.startJob(JobRequest.of("after read-all", 5, 20).inThread("inbox-later", "later-message"));
        String laterId = notifications.awaitFor(later).getId();
        List<String> withLater = new ArrayList<>(List.of(laterId));
        withLater.addAll(newestFirst);
        awaitInbox(first, withLater, 1);
        awaitInbox(second, withLater, 1);
        assertThat(InboxClient.item(second.list(), laterId).path("read").asBoolean())
                .as("read-all covers only what was there").isFalse();

        JsonNode beforeCrash = second.list();
        stack.firstGateway().kill();
        stack.firstGateway().startAgain();
        await().atMost(INBOX_BOUND).untilAsserted(() -> {
            JsonNode rebuilt = first.list();
            assertThat(rebuilt.path("notifications")).as("rebuilt from the topics").isEqualTo(beforeCrash.path("notifications"));
            assertThat(rebuilt.path("unreadCount").asLong()).isEqualTo(1);
        });

        HttpResponse<String> cleared = first.clear();
        assertThat(cleared.statusCode()).isEqualTo(200);
        assertThat(TributaryClient.JSON.readTree(cleared.body()).path("cleared").asLong()).isEqualTo(4);
        awaitInbox(second, List.of(), 0);
        String afterClear = uma.startJob(JobRequest.of("after clear", 5, 20).inThread("inbox-cleared", "cleared-message"));
        String afterClearId = notifications.awaitFor(afterClear).getId();
        awaitInbox(first, List.of(afterClearId), 1);
        awaitInbox(second, List.of(afterClearId), 1);
    }

    @Test
    void shouldPageTheInboxNewestFirst() throws Exception {
        TributaryClient vic = TributaryClient.freshUser(stack, "vic");
        InboxClient inbox = vic.on(stack.secondGateway()).inbox();
        startJobs(vic, 3, "page");
        List<String> newestFirst = newestFirst(notifications.awaitCount(vic.user(), 3));
        awaitInbox(inbox, newestFirst, 3);

        JsonNode firstPage = inbox.page(2, null);
        String nextBefore = InboxClient.text(firstPage.path("nextBefore"));
        assertThat(InboxClient.ids(firstPage)).containsExactlyElementsOf(newestFirst.subList(0, 2));
        assertThat(firstPage.path("unreadCount").asLong()).isEqualTo(3);
        assertThat(nextBefore).as("a cursor to the older ones").isNotBlank();
        assertThat(InboxClient.ids(inbox.page(2, nextBefore))).containsExactly(newestFirst.get(2));
    }

    @Test
    void shouldResumeTheFeedOnTheOtherGatewayAfterTheLastEventIdWithoutGapOrDuplicate() throws Exception {
        TributaryClient wen = TributaryClient.freshUser(stack, "wen");
        List<SseMessage> received = new ArrayList<>();

        try (SseClient feed = wen.inbox().feed(null)) {
            assertThat(feed.status()).isEqualTo(200);
            startJobs(wen, 2, "feed-live");
            received.addAll(takeNotifications(feed, 2));
        }
        // Written while no feed is open: the resumed feed must find them in Kafka.
        startJobs(wen, 2, "feed-offline");
        notifications.awaitCount(wen.user(), 4);
        try (SseClient feed = wen.on(stack.secondGateway()).inbox().feed(received.get(1).id())) {
            assertThat(feed.status()).isEqualTo(200);
            received.addAll(takeNotifications(feed, 2));
            // And live again: the next message is the next notification, nothing in between.
            startJobs(wen, 1, "feed-resumed");
            received.addAll(takeNotifications(feed, 1));
        }

        List<String> written = notifications.ofUser(wen.user()).stream().map(Notification::getId).toList();
        List<String> delivered = new ArrayList<>();
        for (SseMessage message : received) {
            JsonNode item = TributaryClient.JSON.readTree(message.data());
            assertThat(message.id()).as("the SSE id is the item's eventId").isEqualTo(InboxClient.text(item.path("eventId")));
            delivered.add(item.path("id").asString());
        }
        assertThat(delivered).as("every notification once, in order").containsExactlyElementsOf(written).hasSize(5);
    }

    @Test
    void shouldAnswerAPageRequestWithABadLimitWithABadRequestAndNeverAServerError() throws Exception {
        InboxClient inbox = TributaryClient.freshUser(stack, "xia").inbox();

        HttpResponse<String> badLimit = inbox.listWithQuery("limit=abc");
        HttpResponse<String> badCursor = inbox.listWithQuery("before=not-a-cursor");

        assertThat(badLimit.statusCode()).isBetween(400, 499);
        assertThat(TributaryClient.JSON.readTree(badLimit.body()).path("error").asString()).isNotBlank();
        assertThat(badCursor.statusCode()).as(badCursor.body()).isLessThan(500);
    }

    /** Background jobs of a few chunks, unwatched, each in a thread of its own; returns their ids. */
    private static List<String> startJobs(TributaryClient user, int count, String label) throws Exception {
        List<String> jobIds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            jobIds.add(user.startJob(JobRequest.of(label + " " + i, 5, 20)
                    .inThread(label + "-thread-" + i, label + "-message-" + i)));
        }
        return jobIds;
    }

    private static List<String> newestFirst(List<Notification> inTopicOrder) {
        List<String> ids = new ArrayList<>(inTopicOrder.stream().map(Notification::getId).toList());
        Collections.reverse(ids);
        return ids;
    }

    private static void awaitInbox(InboxClient inbox, List<String> idsNewestFirst, long unread) {
        await().atMost(INBOX_BOUND).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            JsonNode list = inbox.list();
            assertThat(InboxClient.ids(list)).containsExactlyElementsOf(idsNewestFirst);
            assertThat(list.path("unreadCount").asLong()).isEqualTo(unread);
            assertThat(inbox.unreadCount()).isEqualTo(unread);
        });
    }

    /** An item of the list says what the notification on the topic says. */
    private static void assertListItem(JsonNode item, Notification notification) {
        assertThat(item.path("id").asString()).isEqualTo(notification.getId());
        assertThat(InboxClient.text(item.path("eventId"))).isNotBlank();
        assertThat(item.path("jobId").asString()).isEqualTo(notification.getJobId());
        assertThat(item.path("threadId").asString()).isEqualTo(notification.getThreadId());
        assertThat(item.path("messageId").asString()).isEqualTo(notification.getMessageId());
        assertThat(item.path("type").asString()).isEqualTo("ai.message.received");
        assertThat(item.path("title").asString()).isEqualTo(notification.getTitle());
        assertThat(item.path("body").asString()).isEqualTo(notification.getBody());
        assertThat(item.path("read").asBoolean()).isFalse();
        JsonNode action = item.path("actions").path(0);
        assertThat(action.path("id").asString()).isEqualTo("open-chat");
        assertThat(action.path("target").path("threadId").asString()).isEqualTo(notification.getThreadId());
        assertThat(action.path("data").path("messageId").asString()).isEqualTo(notification.getMessageId());
    }

    /** The next {@code count} {@code notification} events of a feed, skipping any other kind of message. */
    private static List<SseMessage> takeNotifications(SseClient feed, int count) throws InterruptedException {
        List<SseMessage> taken = new ArrayList<>();
        while (taken.size() < count) {
            SseMessage message = feed.next(FEED_MESSAGE_BOUND);
            assertThat(message).as("notification %s of the feed", taken.size()).isNotNull();
            if ("notification".equals(message.event())) {
                taken.add(message);
            }
        }
        return taken;
    }
}
