package io.tributary.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tributary.gateway.support.JobLog;
import io.tributary.gateway.support.NotificationLog;
import io.tributary.gateway.support.Payloads;
import io.tributary.gateway.support.RunningGateway;
import io.tributary.gateway.support.SharedBroker;
import io.tributary.gateway.support.SseClient;
import io.tributary.gateway.support.SseParser.Event;
import io.tributary.gateway.support.TestEvents;
import io.tributary.gateway.support.Tokens;
import io.tributary.gateway.support.Viewing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Open streams end when the token that authorized them expires: the job stream and the notification
 * feed, over real HTTP with real tokens whose {@code exp} comes a few seconds into the stream. (That a token
 * without {@code exp} never ends a stream is {@link TokenExpiryTest}'s: absence cannot be awaited.)
 */
class TokenExpiryIT {

    /** Whole seconds in {@code exp}: the tokens expire between two and three seconds after they are signed. */
    private static final Duration LIFETIME = Duration.ofSeconds(3);
    /** Timers may fire a hair early against the wall clock. */
    private static final Duration JITTER = Duration.ofMillis(20);

    private static JobLog log;
    private static NotificationLog notifications;
    private static RunningGateway gateway;
    private static SseClient client;

    private final String user = "expiry-" + UUID.randomUUID();

    @BeforeAll
    static void start() {
        log = new JobLog(SharedBroker.bootstrapServers());
        notifications = new NotificationLog(SharedBroker.bootstrapServers());
        gateway = RunningGateway.start(SharedBroker.bootstrapServers(), Map.of());
        client = new SseClient(gateway.port());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        notifications.close();
        log.close();
    }

    @Test
    void shouldEndAJobStreamWithATokenExpiredEventWhenItsTokenExpires() {
        TestEvents job = new TestEvents(UUID.randomUUID().toString());
        log.append(job.started(user), job.text(1, "Hello"));
        awaitStateRead(job, 1);
        String token = Tokens.expiringIn(user, LIFETIME);
        Instant expiresAt = Tokens.expiry(token);

        Viewing viewer = new Viewing(client.events(streamOf(job), token)).awaitMessages(1);
        log.append(job.text(2, " world"));
        List<Event> events = viewer.awaitEnd();
        Instant ended = Instant.now();

        assertThat(events).hasSize(3);
        assertThat(Payloads.kinds(events.subList(0, 2))).containsExactly("snapshot", "delta");
        Event last = events.get(2);
        assertThat(last.type()).isEqualTo("token-expired");
        assertThat(Payloads.of(last).path("error").asString()).isEqualTo("The token has expired");
        assertThat(last.lastEventId()).as("the event moves no cursor").isEqualTo("2");
        assertThat(ended).isAfterOrEqualTo(expiresAt.minus(JITTER));
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.gauge("tributary.gateway.viewers") == 0);
        log.append(job.completed(3));
    }

    @Test
    void shouldEndANotificationFeedWithATokenExpiredEventWhenItsTokenExpires() {
        String token = Tokens.expiringIn(user, LIFETIME);
        Instant expiresAt = Tokens.expiry(token);

        Viewing feed = new Viewing(client.events("/api/notifications/stream", token));
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.gauge("tributary.gateway.notification.streams") >= 1);
        NotificationLog.Written written = notifications.notify(user);
        List<Event> events = feed.awaitEnd();

        assertThat(events).extracting(Event::type).containsExactly("notification", "token-expired");
        assertThat(events.get(0).lastEventId()).isEqualTo(written.eventId());
        assertThat(events.get(1).lastEventId()).isEqualTo(written.eventId());
        assertThat(Payloads.of(events.get(1)).path("error").asString()).isEqualTo("The token has expired");
        assertThat(Instant.now()).isAfterOrEqualTo(expiresAt.minus(JITTER));
    }

    @Test
    void shouldNeverSendTheEventOnAStreamThatEndsBeforeItsTokenExpires() {
        TestEvents job = new TestEvents(UUID.randomUUID().toString());
        log.append(job.started(user));
        awaitStateRead(job, 0);
        String token = Tokens.expiringIn(user, Duration.ofSeconds(5));

        Viewing viewer = new Viewing(client.events(streamOf(job), token)).awaitMessages(1);
        log.append(job.text(1, "Done"), job.completed(2));
        List<Event> events = viewer.awaitEnd();

        assertThat(Instant.now()).isBefore(Tokens.expiry(token));
        assertThat(Payloads.kinds(events)).containsExactly("snapshot", "delta", "status");
        assertThat(events).extracting(Event::type).containsOnly("message");
    }

    private void awaitStateRead(TestEvents job, long seq) {
        String token = Tokens.forUser(user);
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            SseClient.Response status = client.get("/api/jobs/" + job.jobId() + "/status", token);
            return status.status() == 200 && Payloads.json(status.body()).path("seq").asLong() == seq;
        });
    }

    private static String streamOf(TestEvents job) {
        return "/api/jobs/" + job.jobId() + "/stream";
    }
}
