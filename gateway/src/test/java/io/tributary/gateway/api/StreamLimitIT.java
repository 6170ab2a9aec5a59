package io.tributary.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.tributary.gateway.support.JobLog;
import io.tributary.gateway.support.NotificationLog;
import io.tributary.gateway.support.Payloads;
import io.tributary.gateway.support.RawHttp;
import io.tributary.gateway.support.RawHttp.Answer;
import io.tributary.gateway.support.RunningGateway;
import io.tributary.gateway.support.SharedBroker;
import io.tributary.gateway.support.SseClient;
import io.tributary.gateway.support.SseParser.Item;
import io.tributary.gateway.support.SseParser.Retry;
import io.tributary.gateway.support.TestEvents;
import io.tributary.gateway.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/**
 * At most {@code tributary.gateway.max-streams-per-user} (default 20) SSE streams per user on one
 * gateway, job streams and notification feeds together; one more is a 429 JSON with
 * {@code Retry-After: 1}, and a stream that closes frees its place at once. Over real HTTP, with the
 * default limit.
 */
class StreamLimitIT {

    private static final int LIMIT = 20;

    private static JobLog log;
    private static NotificationLog notifications;
    private static RunningGateway gateway;
    private static SseClient client;
    private static RawHttp http;

    private final String user = "limited-" + UUID.randomUUID();
    private final String token = Tokens.forUser(user);
    private final List<OpenStream> open = new ArrayList<>();

    @BeforeAll
    static void start() {
        log = new JobLog(SharedBroker.bootstrapServers());
        notifications = new NotificationLog(SharedBroker.bootstrapServers());
        // A short attach wait: the test asks for many missing jobs, each answered 404 only after it.
        gateway = RunningGateway.start(SharedBroker.bootstrapServers(), Map.of("tributary.gateway.attach-wait", "100ms"));
        client = new SseClient(gateway.port());
        http = new RawHttp(gateway.port());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        notifications.close();
        log.close();
    }

    @AfterEach
    void closeStreams() {
        open.forEach(OpenStream::close);
        await().atMost(Duration.ofSeconds(5)).until(() -> openStreams() == 0);
    }

    /** A stream held open by the test, until it closes it. */
    private record OpenStream(Disposable subscription, List<Item> items) {

        void close() {
            subscription.dispose();
        }
    }

    @Test
    void shouldRefuseTheTwentyFirstStreamOfAUserUntilOneCloses() {
        TestEvents job = liveJob();
        for (int i = 0; i < LIMIT; i++) {
            open.add(openStream(i % 2 == 0 ? streamOf(job) : "/api/notifications/stream", token));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> openStreams() == LIMIT);
        double refusedBefore = gateway.counter("tributary.gateway.streams.refused");

        Answer jobStream = http.send("GET", streamOf(job), headers(token));
        Answer feed = http.send("GET", "/api/notifications/stream", headers(token));

        for (Answer refused : List.of(jobStream, feed)) {
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.header("Retry-After")).isEqualTo("1");
            assertThat(refused.header("Content-Type")).startsWith("application/json");
            assertThat(Payloads.json(refused.body()).path("error").asString()).isEqualTo("Too many open streams");
        }
        assertThat(gateway.counter("tributary.gateway.streams.refused")).isEqualTo(refusedBefore + 2);
        OpenStream othersFeed = openStream("/api/notifications/stream", Tokens.forUser("other-" + UUID.randomUUID()));
        awaitStarted(othersFeed);
        othersFeed.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> openStreams() == LIMIT);

        open.get(0).close();
        await().atMost(Duration.ofSeconds(5)).until(() -> openStreams() == LIMIT - 1);
        OpenStream next = openStream(streamOf(job), token);
        open.add(next);

        awaitStarted(next);
        assertThat(openStreams()).isEqualTo(LIMIT);
        assertThat(gateway.counter("tributary.gateway.streams.refused")).isEqualTo(refusedBefore + 2);
    }

    @Test
    void shouldGiveBackThePlaceOfEveryRefusedOrEndedRequest() {
        TestEvents finished = new TestEvents(UUID.randomUUID().toString());
        log.append(finished.started(user), finished.completed(1));

        for (int i = 0; i < LIMIT + 5; i++) {
            assertThat(http.send("GET", "/api/jobs/" + UUID.randomUUID() + "/stream", headers(token)).status())
                    .isEqualTo(404);
        }
        await().atMost(Duration.ofSeconds(5)).until(() ->
                http.send("GET", streamOf(finished) + "?lastEventId=1", headers(token)).status() == 204);
        for (int i = 0; i < LIMIT + 5; i++) {
            assertThat(http.send("GET", streamOf(finished) + "?lastEventId=1", headers(token)).status()).isEqualTo(204);
        }

        TestEvents job = liveJob();
        for (int i = 0; i < LIMIT; i++) {
            open.add(openStream(streamOf(job), token));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> openStreams() == LIMIT);
        assertThat(http.send("GET", streamOf(job), headers(token)).status()).isEqualTo(429);
    }

    private static OpenStream openStream(String path, String token) {
        List<Item> items = new CopyOnWriteArrayList<>();
        Disposable subscription = client.items(path, token, Map.of()).subscribe(items::add, error -> { });
        return new OpenStream(subscription, items);
    }

    /** Waits for the stream's first bytes (the retry hint): it has been admitted and started. */
    private static void awaitStarted(OpenStream stream) {
        await().atMost(Duration.ofSeconds(5)).until(() -> stream.items().stream().anyMatch(Retry.class::isInstance));
    }

    private TestEvents liveJob() {
        TestEvents job = new TestEvents(UUID.randomUUID().toString());
        log.append(job.started(user));
        await().atMost(Duration.ofSeconds(5)).until(() ->
                http.send("GET", "/api/jobs/" + job.jobId() + "/status", headers(token)).status() == 200);
        return job;
    }

    /** Every SSE stream open on the gateway: this test's user is the only one who keeps any open. */
    private static double openStreams() {
        return gateway.gauge("tributary.gateway.viewers") + gateway.gauge("tributary.gateway.notification.streams");
    }

    private static Map<String, String> headers(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private static String streamOf(TestEvents job) {
        return "/api/jobs/" + job.jobId() + "/stream";
    }
}
