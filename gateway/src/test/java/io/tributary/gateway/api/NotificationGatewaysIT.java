package io.tributary.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tributary.gateway.inbox.Inbox;
import io.tributary.gateway.support.ApiCalls;
import io.tributary.gateway.support.InboxViews;
import io.tributary.gateway.support.NotificationLog;
import io.tributary.gateway.support.NotificationLog.Written;
import io.tributary.gateway.support.Payloads;
import io.tributary.gateway.support.RunningGateway;
import io.tributary.gateway.support.SharedBroker;
import io.tributary.gateway.support.SseClient;
import io.tributary.gateway.support.Tokens;
import io.tributary.gateway.support.Viewing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Two gateways (two applications) on one real broker: they hold nothing Kafka does not, so they show
 * the same inbox and preferences, a change made through one shows on the other, a feed begun on one
 * resumes on the other, and a gateway started again rebuilds everything from the topics.
 */
class NotificationGatewaysIT {

    private static final String STREAM = "/api/notifications/stream";

    private static NotificationLog notifications;
    private static RunningGateway first;
    private static RunningGateway second;

    private final String user = "user-" + UUID.randomUUID();
    private final String token = Tokens.forUser(user);

    @BeforeAll
    static void start() {
        notifications = new NotificationLog(SharedBroker.bootstrapServers());
        first = started();
        second = started();
    }

    @AfterAll
    static void stop() {
        first.close();
        second.close();
        notifications.close();
    }

    @Test
    void shouldShowTheSameInboxOnBothAndEveryMarkMadeOnOneOnTheOther() {
        InboxViews onFirst = inbox(first);
        InboxViews onSecond = inbox(second);
        Written one = notifications.notify(user);
        Written two = notifications.notify(user);
        Written three = notifications.notify(user);
        List<String> all = List.of(three.eventId(), two.eventId(), one.eventId());
        onFirst.awaitEventIds(token, all);
        onSecond.awaitEventIds(token, all);
        assertThat(onSecond.list(token)).isEqualTo(onFirst.list(token));

        api(first).post("/api/notifications/" + one.id() + "/read", token);
        await().atMost(Duration.ofSeconds(10)).until(() -> onSecond.unreadCount(token) == 2);
        assertThat(onSecond.list(token)).isEqualTo(onFirst.list(token));

        api(second).post("/api/notifications/read-all", token);
        await().atMost(Duration.ofSeconds(10)).until(() -> onFirst.unreadCount(token) == 0);
        assertThat(onFirst.list(token)).isEqualTo(onSecond.list(token));

        JsonNode cleared = Payloads.json(api(first).delete("/api/notifications", token).body());
        assertThat(cleared.path("cleared").asInt()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(10)).until(() -> onSecond.eventIds(token).isEmpty());
    }

    @Test
    void shouldShowTheSameReadMarksAndMutesAfterAGatewayIsStartedAgain() {
        Written read = notifications.notify(user);
        Written unread = notifications.notify(user);
        inbox(second).awaitEventIds(token, List.of(unread.eventId(), read.eventId()));
        api(second).post("/api/notifications/" + read.id() + "/read", token);
        api(second).putJson("/api/threads/thread-9/mute", token, "{\"muted\":true}");
        JsonNode before = inbox(second).list(token);

        second.close();
        second = started();

        // Healthy means caught up with what the topics held at start: no waiting for the marks.
        JsonNode after = inbox(second).list(token);
        assertThat(after).isEqualTo(before);
        assertThat(after.path("unreadCount").asInt()).isEqualTo(1);
        assertThat(inbox(second).item(token, read.eventId()).path("read").asBoolean()).isTrue();
        assertThat(Payloads.json(api(second).get("/api/threads/thread-9/mute", token).body()).path("muted").asBoolean())
                .isTrue();
    }

    @Test
    void shouldShowAMuteMadeOnOneGatewayOnTheOther() {
        SseClient.Response muted = api(first).putJson("/api/threads/thread-1/mute", token, "{\"muted\":true}");
        assertThat(muted.status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> Payloads.json(
                api(second).get("/api/threads/thread-1/mute", token).body()).path("muted").asBoolean());

        api(second).putJson("/api/threads/thread-1/mute", token, "{\"muted\":false}");
        await().atMost(Duration.ofSeconds(10)).until(() -> !Payloads.json(
                api(first).get("/api/threads/thread-1/mute", token).body()).path("muted").asBoolean(true));
    }

    @Test
    void shouldResumeOnTheSecondGatewayAFeedBegunOnTheFirst() {
        Viewing onFirst = new Viewing(new SseClient(first.port()).events(STREAM, token).take(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> first.bean(Inbox.class).feeds() == 1);
        Written one = notifications.notify(user);
        String lastEventId = onFirst.awaitEnd().get(0).lastEventId();
        assertThat(lastEventId).isEqualTo(one.eventId());

        Written missed = notifications.notify(user);
        inbox(second).awaitEventIds(token, List.of(missed.eventId(), one.eventId()));
        Viewing onSecond = new Viewing(new SseClient(second.port())
                .events(STREAM, token, Map.of("Last-Event-ID", lastEventId)).take(2)).awaitMessages(1);
        Written live = notifications.notify(user);

        assertThat(Payloads.ids(onSecond.awaitEnd())).containsExactly(missed.eventId(), live.eventId());
    }

    private static RunningGateway started() {
        RunningGateway gateway = RunningGateway.start(SharedBroker.bootstrapServers(), Map.of());
        api(gateway).awaitHealthy();
        return gateway;
    }

    private static ApiCalls api(RunningGateway gateway) {
        return new ApiCalls(gateway.port());
    }

    private static InboxViews inbox(RunningGateway gateway) {
        return new InboxViews(api(gateway));
    }
}
