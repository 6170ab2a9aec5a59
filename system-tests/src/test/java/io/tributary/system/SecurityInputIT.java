package io.tributary.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Security suite, hostile input from clients: bodies over the size limit (413), bodies that are not the
 * JSON asked for (400), ids of the wrong shape (400) and cursors that are negative, huge or not numbers
 * (400). Each refusal is a JSON error; none is a 500, and a refused write changes nothing.
 */
class SecurityInputIT {

    /** Over the ingest's {@code tributary.ingest.max-request-size} (1 MB by default). */
    private static final int OVER_INGEST_LIMIT = 1024 * 1024 + 64 * 1024;
    /** Over the gateway's 16 KiB. */
    private static final int OVER_GATEWAY_LIMIT = 16 * 1024 + 1024;
    private static final String HUGE_NUMBER = "99999999999999999999999999999";
    /** Deeper than any JSON parser's nesting limit, and still far under the ingest's size limit. */
    private static final int NESTING = 100_000;
    /** Deep beyond any JSON parser's limit, yet within the gateway's 16 KiB body limit (deeper is a 413). */
    private static final int GATEWAY_NESTING = 5_000;

    private static TributaryStack stack;
    private static TributaryClient user;

    @BeforeAll
    static void startStack() throws Exception {
        stack = TributaryStack.shared();
        user = TributaryClient.freshUser(stack, "hostile");
    }

    @Test
    void shouldRefuseABodyOverTheLimitWith413OnTheIngestAndTheGatewayAndApplyNothing() throws Exception {
        TributaryClient user = TributaryClient.freshUser(stack, "big-body");
        String thread = "big-body-thread";
        String api = user.gateway().url() + "/api";

        ErrorAnswers.assertError(HttpCall.post(stack.ingestUrl() + "/api/openrouter/stream").bearer(user.token())
                .json(JobRequest.of("x".repeat(OVER_INGEST_LIMIT), 3, 10).background()).send(), 413);
        ErrorAnswers.assertError(HttpCall.put(api + "/threads/" + thread + "/mute").bearer(user.token())
                .json(paddedMute()).send(), 413);
        ErrorAnswers.assertError(HttpCall.put(api + "/threads/" + thread + "/mute").bearer(user.token())
                .chunkedJson(paddedMute()).send(), 413);
        ErrorAnswers.assertError(HttpCall.post(api + "/jobs/" + UUID.randomUUID() + "/abort").bearer(user.token())
                .json(paddedMute()).send(), 413);
        ErrorAnswers.assertError(HttpCall.post(api + "/notifications/stream-token").bearer(user.token())
                .json(paddedMute()).send(), 413);

        assertThat(TributaryClient.JSON.readTree(user.muteState(thread).body()).path("muted").asBoolean())
                .as("a refused mute is not applied").isFalse();
        assertThat(TributaryClient.jobIds(TributaryClient.JSON.readTree(user.jobs().body()))).as("jobs started").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "not json",
            "{\"model\":",
            "[]",
            "42",
            "{\"messages\":\"hello\",\"_background\":true,\"_threadId\":\"t\",\"_messageId\":\"m\"}",
            "{\"messages\":[5],\"_background\":true,\"_threadId\":\"t\",\"_messageId\":\"m\"}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"_background\":\"yes\",\"_threadId\":\"t\",\"_messageId\":\"m\"}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"_background\":true,\"_threadId\":5,\"_messageId\":\"m\"}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"_background\":true,\"_threadId\":\"t\"}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"model\":{},\"_background\":true,\"_threadId\":\"t\",\"_messageId\":\"m\"}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stream\":\"always\"}"})
    void shouldRefuseAJobBodyThatIsNotTheJsonAskedForWith400(String body) throws Exception {
        HttpResponse<String> answer = HttpCall.post(stack.ingestUrl() + "/api/openrouter/stream").bearer(user.token())
                .json(body).send();

        ErrorAnswers.assertError(answer, 400);
    }

    @Test
    void shouldRefuseHostileJsonWith400WhetherTooDeepTooLongANumberOrNotUtf8() throws Exception {
        TributaryClient user = TributaryClient.freshUser(stack, "hostile-json");
        String deep = "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"_background\":true,\"_threadId\":\"t\","
                + "\"_messageId\":\"m\",\"deep\":" + "[".repeat(NESTING) + "]".repeat(NESTING) + "}";
        String longNumber = "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"_background\":true,\"_threadId\":\"t\","
                + "\"_messageId\":\"m\",\"temperature\":1" + "0".repeat(5_000) + "}";
        byte[] notUtf8 = {'{', '"', 'm', '"', ':', (byte) 0xff, (byte) 0xfe, '}'};
        String ingest = stack.ingestUrl() + "/api/openrouter/stream";
        String mute = user.gateway().url() + "/api/threads/hostile-json/mute";

        for (HttpCall call : List.of(
                HttpCall.post(ingest).json(deep), HttpCall.post(ingest).json(longNumber), HttpCall.post(ingest).jsonBytes(notUtf8),
                HttpCall.put(mute).json("{\"muted\":" + "[".repeat(GATEWAY_NESTING) + "]".repeat(GATEWAY_NESTING) + "}"),
                HttpCall.put(mute).jsonBytes(notUtf8))) {
            ErrorAnswers.assertError(call.bearer(user.token()).send(), 400);
        }
        assertThat(TributaryClient.jobIds(TributaryClient.JSON.readTree(user.jobs().body()))).as("jobs started").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[]", "{\"muted\":\"yes\"}", "{\"muted\":null}", "{\"muted\":1}", "{}"})
    void shouldRefuseAMuteBodyThatIsNotAMutedBooleanWith400(String body) throws Exception {
        ErrorAnswers.assertError(HttpCall.put(user.gateway().url() + "/api/threads/mute-body/mute").bearer(user.token())
                .json(body).send(), 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad$id", "a b", "é", "<script>", "quote\"id", "tab\tid"})
    void shouldRefuseAnIdOfTheWrongShapeWith400OnEveryEndpointThatTakesOne(String id) throws Exception {
        for (HttpCall call : callsWithId(pathSegment(id))) {
            ErrorAnswers.assertError(call.bearer(user.token()).send(), 400);
        }
    }

    @Test
    void shouldRefuseAnIdOver200CharactersWith400AndTakeOneOf200() throws Exception {
        for (HttpCall call : callsWithId("a".repeat(201))) {
            ErrorAnswers.assertError(call.bearer(user.token()).send(), 400);
        }
        String longest = "a".repeat(200);
        ErrorAnswers.assertError(HttpCall.get(user.gateway().url() + "/api/jobs/" + longest + "/status")
                .bearer(user.token()).send(), 404);
        assertThat(user.muteState(longest).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "abc", "1.5", "0x10", HUGE_NUMBER})
    void shouldRefuseACursorThatIsNegativeHugeOrNotANumberWith400(String cursor) throws Exception {
        String jobId = user.startJob(JobRequest.of("cursors " + cursor, 5, 10).inThread("cursor-thread", "cursor-message"));
        await().atMost(Duration.ofSeconds(30)).until(() -> user.status(jobId).statusCode() == 200);
        String job = user.gateway().url() + "/api/jobs/" + jobId;
        String notifications = user.gateway().url() + "/api/notifications";
        String query = URLEncoder.encode(cursor, StandardCharsets.UTF_8);

        for (HttpCall call : List.of(
                HttpCall.get(job + "/status?offset=" + query),
                stream(job + "/stream?offset=" + query),
                stream(job + "/stream").header("Last-Event-ID", cursor),
                stream(job + "/stream?lastEventId=" + query),
                stream(job + "/stream?last_event_id=" + query),
                stream(notifications + "/stream").header("Last-Event-ID", cursor),
                stream(notifications + "/stream?lastEventId=" + query),
                HttpCall.get(notifications + "?limit=" + query),
                HttpCall.get(notifications + "?before=" + query))) {
            ErrorAnswers.assertError(call.bearer(user.token()).send(), 400);
        }
    }

    /** Every endpoint with an id in its path, with this (already URL-encoded) id. */
    private static List<HttpCall> callsWithId(String id) {
        String api = user.gateway().url() + "/api";
        return List.of(
                HttpCall.get(api + "/jobs/" + id + "/status"),
                stream(api + "/jobs/" + id + "/stream"),
                HttpCall.post(api + "/jobs/" + id + "/abort"),
                HttpCall.post(api + "/jobs/" + id + "/stream-token"),
                HttpCall.post(api + "/notifications/" + id + "/read"),
                HttpCall.get(api + "/threads/" + id + "/mute"),
                HttpCall.put(api + "/threads/" + id + "/mute").json("{\"muted\":true}"));
    }

    private static HttpCall stream(String url) {
        return HttpCall.get(url).header("Accept", "text/event-stream");
    }

    /** Percent-encoded for a path segment (a space as {@code %20}, not the form encoding's {@code +}). */
    private static String pathSegment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A well-formed mute body padded past the gateway's limit: refused for its size alone. */
    private static String paddedMute() {
        return "{\"muted\":true,\"padding\":\"" + "p".repeat(OVER_GATEWAY_LIMIT) + "\"}";
    }
}
