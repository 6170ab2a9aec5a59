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
import io.tributary.gateway.support.SseParser.Comment;
import io.tributary.gateway.support.SseParser.Event;
import io.tributary.gateway.support.SseParser.Item;
import io.tributary.gateway.support.SseParser.Retry;
import io.tributary.gateway.support.Tokens;
import io.tributary.gateway.support.Viewing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

/** The SSE feed of a user's notifications over real HTTP, from notifications written to a real broker. */
class NotificationFeedIT {

    private static final String STREAM = "/api/notifications/stream";
    private static final Duration WAIT = Duration.ofSeconds(15);

    private static NotificationLog notifications;
    private static RunningGateway gateway;
    private static SseClient client;
    private static InboxViews inbox;

    private final String user = "user-" + UUID.randomUUID();
    private final String token = Tokens.forUser(user);

    @BeforeAll
    static void start() {
        notifications = new NotificationLog(SharedBroker.bootstrapServers());
        gateway = RunningGateway.start(SharedBroker.bootstrapServers(), Map.of());
        ApiCalls api = new ApiCalls(gateway.port());
        api.awaitHealthy();
        client = new SseClient(gateway.port());
        inbox = new InboxViews(api);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        notifications.close();
    }

    @Test
    void shouldDeliverNewNotificationsLiveAsNamedEventsWithTheListsItem() {
        Written before = notifications.notify(user);
        inbox.awaitEventIds(token, List.of(before.eventId()));
        Viewing feed = new Viewing(client.events(STREAM, token).take(2));
        awaitFeedsOpen(1);

        Written first = notifications.notify(user);
        Written second = notifications.notify(user);
        List<Event> events = feed.awaitEnd();

        assertThat(Payloads.ids(events)).containsExactly(first.eventId(), second.eventId());
        assertThat(events).extracting(Event::type).containsOnly("notification");
        JsonNode item = Payloads.of(events.get(0));
        assertThat(item).isEqualTo(inbox.item(token, first.eventId()));
        assertThat(item.path("body").asString()).isEqualTo(first.notification().getBody());
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.gauge("tributary.gateway.notification.streams") == 0);
        assertThat(gateway.bean(Inbox.class).feeds()).isZero();
    }

    @Test
    void shouldResumeWithExactlyTheMissedNotificationsThenGoOnLive() {
        Viewing first = new Viewing(client.events(STREAM, token).take(2));
        awaitFeedsOpen(1);
        Written one = notifications.notify(user);
        Written two = notifications.notify(user);
        assertThat(Payloads.ids(first.awaitEnd())).containsExactly(one.eventId(), two.eventId());
        awaitFeedsOpen(0);

        // Written while no stream is open.
        Written three = notifications.notify(user);
        Written four = notifications.notify(user);
        inbox.awaitEventIds(token, List.of(four.eventId(), three.eventId(), two.eventId(), one.eventId()));
        Viewing resumed = new Viewing(client.events(STREAM, token, Map.of("Last-Event-ID", two.eventId())).take(3))
                .awaitMessages(2);
        Written five = notifications.notify(user);

        assertThat(Payloads.ids(resumed.awaitEnd())).containsExactly(three.eventId(), four.eventId(), five.eventId());
    }

    @Test
    void shouldTakeTheEventIdFromTheQueryAndLeaveOutWhatWasCleared() {
        Written one = notifications.notify(user);
        Written two = notifications.notify(user);
        inbox.awaitEventIds(token, List.of(two.eventId(), one.eventId()));
        Written three = notifications.notify(user);
        inbox.awaitEventIds(token, List.of(three.eventId(), two.eventId(), one.eventId()));
        Viewing resumed = new Viewing(client.events(STREAM + "?lastEventId=" + one.eventId(), token).take(2));
        List<Event> backlog = resumed.awaitMessages(2).awaitEnd();
        assertThat(Payloads.ids(backlog)).containsExactly(two.eventId(), three.eventId());

        new ApiCalls(gateway.port()).delete("/api/notifications", token);
        Written four = notifications.notify(user);
        inbox.awaitEventIds(token, List.of(four.eventId()));
        List<Event> afterClear = client.events(STREAM + "?lastEventId=" + one.eventId(), token).take(1)
                .collectList().block(WAIT);

        assertThat(Payloads.ids(afterClear)).containsExactly(four.eventId());
    }

    @Test
    void shouldHintTheRetryDelayAndPingWhileTheFeedIsQuiet() {
        List<Item> items = client.items(STREAM, token, Map.of()).take(3).collectList().block(WAIT);

        assertThat(items.get(0)).isEqualTo(new Retry(500));
        assertThat(items.subList(1, 3)).containsOnly(new Comment("ping"));
    }

    @Test
    void shouldRefuseABadLastEventIdBeforeTheStreamStarts() {
        for (Map.Entry<String, Map<String, String>> attempt : Map.of(
                STREAM, Map.of("Last-Event-ID", "abc"),
                STREAM + "?lastEventId=-1", Map.<String, String>of(),
                STREAM + "?last_event_id=1.5", Map.<String, String>of()).entrySet()) {
            SseClient.Response response = client.get(attempt.getKey(), token, attempt.getValue());

            assertThat(response.status()).as(attempt.toString()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/json");
            assertThat(Payloads.json(response.body()).path("error").asString()).contains("non-negative integer");
        }
    }

    @Test
    void shouldSendEachUserOnlyTheirOwnNotifications() {
        String otherToken = Tokens.forUser("other-" + UUID.randomUUID());
        Flux<Event> others = client.events(STREAM, otherToken);
        Viewing other = new Viewing(others.take(Duration.ofSeconds(2)));
        Viewing mine = new Viewing(client.events(STREAM, token).take(1));
        awaitFeedsOpen(2);

        Written written = notifications.notify(user);

        assertThat(Payloads.ids(mine.awaitEnd())).containsExactly(written.eventId());
        assertThat(other.awaitEnd()).isEmpty();
    }

    private static void awaitFeedsOpen(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.bean(Inbox.class).feeds() == count);
    }
}
