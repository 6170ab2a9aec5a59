package io.tributary.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tributary.gateway.support.ApiCalls;
import io.tributary.gateway.support.InboxViews;
import io.tributary.gateway.support.NotificationLog;
import io.tributary.gateway.support.NotificationLog.Written;
import io.tributary.gateway.support.Payloads;
import io.tributary.gateway.support.RunningGateway;
import io.tributary.gateway.support.SharedBroker;
import io.tributary.gateway.support.SseClient;
import io.tributary.gateway.support.Tokens;
import io.tributary.gateway.support.TopicContents;
import io.tributary.schema.MarkKind;
import io.tributary.schema.Notification;
import io.tributary.schema.NotificationMark;
import io.tributary.schema.topic.RecordKeys;
import io.tributary.schema.topic.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The inbox endpoints over real HTTP with real tokens, against notifications written to a real broker
 * as the processor writes them; marks are read back from {@code notifications.marks}.
 */
class NotificationInboxIT {

    private static final String MARKS = "tributary.gateway.notification.marks";

    private static NotificationLog notifications;
    private static RunningGateway gateway;
    private static ApiCalls api;
    private static InboxViews inbox;

    private final String user = "user-" + UUID.randomUUID();
    private final String token = Tokens.forUser(user);

    @BeforeAll
    static void start() {
        notifications = new NotificationLog(SharedBroker.bootstrapServers());
        gateway = RunningGateway.start(SharedBroker.bootstrapServers(), Map.of());
        api = new ApiCalls(gateway.port());
        api.awaitHealthy();
        inbox = new InboxViews(api);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        notifications.close();
    }

    @Test
    void shouldListNewestFirstWithEveryFieldAndPageByEventId() {
        Written first = notifications.notify(user);
        Written second = notifications.notify(user);
        Written third = notifications.notify(user);
        inbox.awaitEventIds(token, List.of(third.eventId(), second.eventId(), first.eventId()));

        JsonNode page = Payloads.json(api.get("/api/notifications?limit=2", token).body());
        JsonNode rest = Payloads.json(api.get("/api/notifications?limit=2&before=" + second.eventId(), token).body());

        assertThat(eventIds(page)).containsExactly(third.eventId(), second.eventId());
        assertThat(page.path("unreadCount").asInt()).isEqualTo(3);
        assertThat(page.path("nextBefore").asString()).isEqualTo(second.eventId());
        assertThat(eventIds(rest)).containsExactly(first.eventId());
        assertThat(rest.path("nextBefore").isNull()).isTrue();
        JsonNode item = page.path("notifications").get(0);
        Notification expected = third.notification();
        assertThat(item.propertyNames()).containsExactly("id", "eventId", "type", "title", "body", "jobId",
                "threadId", "messageId", "outcome", "error", "actions", "createdAt", "read", "readAt");
        assertThat(item.path("id").asString()).isEqualTo(expected.getId());
        assertThat(item.path("type").asString()).isEqualTo("ai.message.received");
        assertThat(item.path("title").asString()).isEqualTo(expected.getTitle());
        assertThat(item.path("body").asString()).isEqualTo(expected.getBody());
        assertThat(item.path("jobId").asString()).isEqualTo(expected.getJobId());
        assertThat(item.path("threadId").asString()).isEqualTo(expected.getThreadId());
        assertThat(item.path("messageId").asString()).isEqualTo(expected.getMessageId());
        assertThat(item.path("outcome").asString()).isEqualTo("complete");
        assertThat(item.path("error").isNull()).isTrue();
        assertThat(Instant.parse(item.path("createdAt").asString())).isEqualTo(expected.getCreatedAt());
        assertThat(item.path("read").asBoolean(true)).isFalse();
        assertThat(item.path("readAt").isNull()).isTrue();
        JsonNode action = item.path("actions").get(0);
        assertThat(action.path("id").asString()).isEqualTo("open");
        assertThat(action.path("label").asString()).isEqualTo("Open chat");
        assertThat(action.path("kind").asString()).isEqualTo("navigate");
        assertThat(action.path("target").path("threadId").asString()).isEqualTo(expected.getThreadId());
        assertThat(action.path("data").path("messageId").asString()).isEqualTo(expected.getMessageId());
    }

    @Test
    void shouldMarkOneNotificationReadBeforeAnsweringAndWriteTheMarkToKafka() {
        Written read = notifications.notify(user);
        Written unread = notifications.notify(user);
        inbox.awaitEventIds(token, List.of(unread.eventId(), read.eventId()));
        double marks = gateway.counter(MARKS, "kind", "read");
        Instant before = Instant.now().minusMillis(1);

        SseClient.Response response = api.post("/api/notifications/" + read.id() + "/read", token);

        // No waiting: the answer came after this gateway had read the mark back.
        assertThat(response.status()).isEqualTo(204);
        assertThat(inbox.unreadCount(token)).isEqualTo(1);
        JsonNode item = inbox.item(token, read.eventId());
        assertThat(item.path("read").asBoolean()).isTrue();
        assertThat(Instant.parse(item.path("readAt").asString())).isBetween(before, Instant.now());
        assertThat(inbox.item(token, unread.eventId()).path("read").asBoolean(true)).isFalse();
        assertThat(gateway.counter(MARKS, "kind", "read")).isEqualTo(marks + 1);
        List<TopicContents.Entry<NotificationMark>> written = TopicContents.withKey(SharedBroker.bootstrapServers(),
                Topics.NOTIFICATION_MARKS, RecordKeys.mark(user, read.id()));
        assertThat(written).hasSize(1);
        NotificationMark mark = written.get(0).value();
        assertThat(mark.getKind()).isEqualTo(MarkKind.READ);
        assertThat(mark.getUserId()).isEqualTo(user);
        assertThat(mark.getNotificationId()).isEqualTo(read.id());
    }

    @Test
    void shouldMarkAllReadButLeaveANotificationThatArrivesLaterUnread() {
        Written first = notifications.notify(user);
        Written second = notifications.notify(user);
        inbox.awaitEventIds(token, List.of(second.eventId(), first.eventId()));

        SseClient.Response response = api.post("/api/notifications/read-all", token);

        assertThat(response.status()).isEqualTo(200);
        assertThat(Payloads.json(response.body()).path("unreadCount").asInt(-1)).isZero();
        assertThat(inbox.unreadCount(token)).isZero();
        Written later = notifications.notify(user);
        inbox.awaitEventIds(token, List.of(later.eventId(), second.eventId(), first.eventId()));
        assertThat(inbox.unreadCount(token)).isEqualTo(1);
        assertThat(inbox.item(token, later.eventId()).path("read").asBoolean(true)).isFalse();
        assertThat(inbox.item(token, first.eventId()).path("read").asBoolean()).isTrue();
        NotificationMark mark = TopicContents.withKey(SharedBroker.bootstrapServers(), Topics.NOTIFICATION_MARKS,
                RecordKeys.mark(user, "all-read")).get(0).value();
        assertThat(mark.getKind()).isEqualTo(MarkKind.ALL_READ);
        assertThat(mark.getThroughOffset()).isEqualTo(second.offset());
    }

    @Test
    void shouldClearEverythingSoFarAndShowOnlyWhatComesAfter() {
        Written first = notifications.notify(user);
        Written second = notifications.notify(user);
        inbox.awaitEventIds(token, List.of(second.eventId(), first.eventId()));
        api.post("/api/notifications/" + first.id() + "/read", token);

        SseClient.Response cleared = api.delete("/api/notifications", token);

        assertThat(cleared.status()).isEqualTo(200);
        assertThat(Payloads.json(cleared.body()).path("cleared").asInt(-1)).isEqualTo(2);
        assertThat(inbox.eventIds(token)).isEmpty();
        assertThat(inbox.unreadCount(token)).isZero();
        assertThat(api.post("/api/notifications/" + second.id() + "/read", token).status()).isEqualTo(404);
        Written later = notifications.notify(user);
        inbox.awaitEventIds(token, List.of(later.eventId()));
        assertThat(inbox.unreadCount(token)).isEqualTo(1);
        assertThat(Payloads.json(api.delete("/api/notifications", token).body()).path("cleared").asInt(-1)).isEqualTo(1);
        assertThat(Payloads.json(api.delete("/api/notifications", token).body()).path("cleared").asInt(-1)).isZero();
    }

    @Test
    void shouldHideAnotherUsersNotificationsAndAnswerNotFoundForThemAsForMissingOnes() {
        Written alices = notifications.notify(user);
        inbox.awaitEventIds(token, List.of(alices.eventId()));
        String other = Tokens.forUser("other-" + UUID.randomUUID());

        SseClient.Response foreign = api.post("/api/notifications/" + alices.id() + "/read", other);
        SseClient.Response missing = api.post("/api/notifications/job:" + UUID.randomUUID() + "/read", other);

        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.contentType()).startsWith("application/json");
        assertThat(Payloads.json(foreign.body()).path("error").asString()).isEqualTo("Notification not found");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo(foreign.body());
        assertThat(inbox.eventIds(other)).isEmpty();
        assertThat(inbox.unreadCount(other)).isZero();
        assertThat(Payloads.json(api.post("/api/notifications/read-all", other).body()).path("unreadCount").asInt(-1))
                .isZero();
        assertThat(Payloads.json(api.delete("/api/notifications", other).body()).path("cleared").asInt(-1)).isZero();
        assertThat(inbox.item(token, alices.eventId()).path("read").asBoolean(true)).isFalse();
        assertThat(inbox.unreadCount(token)).isEqualTo(1);
    }

    @Test
    void shouldShowANotificationWrittenTwiceOnce() {
        Written original = notifications.notify(user);
        Written again = notifications.write(Notification.newBuilder(original.notification()).build());
        Written next = notifications.notify(user);

        inbox.awaitEventIds(token, List.of(next.eventId(), original.eventId()));
        assertThat(again.offset()).isGreaterThan(original.offset());
        assertThat(inbox.unreadCount(token)).isEqualTo(2);
    }

    @Test
    void shouldRefuseBadPagingWithAJson400() {
        for (String query : List.of("limit=0", "limit=1000", "limit=abc", "before=abc", "before=-1")) {
            SseClient.Response response = api.get("/api/notifications?" + query, token);

            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.contentType()).as(query).startsWith("application/json");
            assertThat(Payloads.json(response.body()).path("error").asString()).as(query).isNotBlank();
        }
    }

    @Test
    void shouldReportTheReplicasInTheGatewaysHealth() {
        JsonNode health = Payloads.json(new SseClient(gateway.port()).get("/actuator/health", null).body());

        assertThat(health.path("status").asString()).isEqualTo("UP");
        JsonNode replicas = health.path("components").path("replicas");
        assertThat(replicas.path("status").asString()).isEqualTo("UP");
        assertThat(replicas.path("details").path("inbox").path("caughtUp").asBoolean()).isTrue();
        assertThat(replicas.path("details").path("thread-prefs").path("caughtUp").asBoolean()).isTrue();
    }

    private static List<String> eventIds(JsonNode page) {
        return page.path("notifications").valueStream().map(item -> item.path("eventId").asString()).toList();
    }
}
