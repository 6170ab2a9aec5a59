package io.tributary.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
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
import io.tributary.schema.ThreadPreference;
import io.tributary.schema.topic.RecordKeys;
import io.tributary.schema.topic.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code PUT}/{@code GET /api/threads/{threadId}/mute} over real HTTP; the preference is read back from
 * {@code threads.prefs}, where the processor reads it.
 */
class ThreadMuteIT {

    private static NotificationLog notifications;
    private static RunningGateway gateway;
    private static ApiCalls api;

    private final String user = "user-" + UUID.randomUUID();
    private final String token = Tokens.forUser(user);

    @BeforeAll
    static void start() {
        notifications = new NotificationLog(SharedBroker.bootstrapServers());
        gateway = RunningGateway.start(SharedBroker.bootstrapServers(), Map.of());
        api = new ApiCalls(gateway.port());
        api.awaitHealthy();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        notifications.close();
    }

    @Test
    void shouldMuteAndUnmuteAThreadForItsUserOnlyAndWriteItToThreadsPrefs() {
        String path = "/api/threads/thread_1:a.b-c/mute";
        assertThat(mute(api.get(path, token))).isFalse();

        SseClient.Response muted = api.putJson(path, token, "{\"muted\":true}");

        assertThat(muted.status()).isEqualTo(200);
        assertThat(muted.contentType()).startsWith("application/json");
        JsonNode body = Payloads.json(muted.body());
        assertThat(body.path("threadId").asString()).isEqualTo("thread_1:a.b-c");
        assertThat(body.path("muted").asBoolean()).isTrue();
        // No waiting: the answer came after this gateway had read the preference back.
        assertThat(mute(api.get(path, token))).isTrue();
        assertThat(mute(api.get(path, Tokens.forUser("other-" + UUID.randomUUID())))).isFalse();
        assertThat(mute(api.get("/api/threads/thread-2/mute", token))).isFalse();

        assertThat(mute(api.putJson(path, token, "{\"muted\":false}"))).isFalse();
        assertThat(mute(api.get(path, token))).isFalse();
        List<ThreadPreference> written = TopicContents.withKey(SharedBroker.bootstrapServers(), Topics.THREAD_PREFS,
                RecordKeys.thread(user, "thread_1:a.b-c")).stream().map(TopicContents.Entry::value).toList();
        assertThat(written).extracting(ThreadPreference::getMuted).containsExactly(true, false);
        assertThat(written).extracting(ThreadPreference::getUserId).containsOnly(user);
        assertThat(written).extracting(ThreadPreference::getThreadId).containsOnly("thread_1:a.b-c");
    }

    @Test
    void shouldRefuseInvalidBodiesAndThreadIdsWithAJson400() {
        String path = "/api/threads/thread-1/mute";
        for (String body : new String[] {null, "", "{", "[]", "{}", "{\"muted\":\"true\"}", "{\"muted\":1}",
                "{\"muted\":null}"}) {
            SseClient.Response response = api.putJson(path, token, body);

            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.contentType()).as(body).startsWith("application/json");
            assertThat(Payloads.json(response.body()).path("error").asString()).as(body).isNotBlank();
        }
        for (String threadId : new String[] {"a%20b", "x".repeat(201), "%C3%A4"}) {
            SseClient.Response put = api.putJson("/api/threads/" + threadId + "/mute", token, "{\"muted\":true}");
            SseClient.Response get = api.get("/api/threads/" + threadId + "/mute", token);

            assertThat(put.status()).as(threadId).isEqualTo(400);
            assertThat(get.status()).as(threadId).isEqualTo(400);
            assertThat(Payloads.json(put.body()).path("error").asString()).contains("threadId");
        }
        assertThat(TopicContents.withKey(SharedBroker.bootstrapServers(), Topics.THREAD_PREFS,
                RecordKeys.thread(user, "thread-1"))).isEmpty();
    }

    @Test
    void shouldAnswerServiceUnavailableWhenKafkaDoesNotTakeAMuteOrAMark() throws IOException {
        Written notification = notifications.notify(user);
        // A gateway that reads the real broker but whose producers point at a port where nothing listens.
        try (RunningGateway cutOff = RunningGateway.start(SharedBroker.bootstrapServers(), Map.of(
                "spring.kafka.producer.bootstrap-servers", "localhost:" + closedPort(),
                "tributary.gateway.notifications.write-timeout", "1s"))) {
            ApiCalls cutOffApi = new ApiCalls(cutOff.port());
            cutOffApi.awaitHealthy();
            new InboxViews(cutOffApi).awaitEventIds(token, List.of(notification.eventId()));

            SseClient.Response mute = cutOffApi.putJson("/api/threads/thread-1/mute", token, "{\"muted\":true}");
            SseClient.Response read = cutOffApi.post("/api/notifications/" + notification.id() + "/read", token);

            assertThat(mute.status()).isEqualTo(503);
            assertThat(mute.contentType()).startsWith("application/json");
            assertThat(Payloads.json(mute.body()).path("error").asString()).contains("retry");
            assertThat(read.status()).isEqualTo(503);
            assertThat(Payloads.json(read.body()).path("error").asString()).contains("retry");
            assertThat(cutOff.counter("tributary.gateway.notification.marks", "kind", "read")).isZero();
        }
        assertThat(mute(api.get("/api/threads/thread-1/mute", token))).isFalse();
    }

    private static boolean mute(SseClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return Payloads.json(response.body()).path("muted").asBoolean();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
