package io.tributary.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tributary.gateway.support.ControlLog;
import io.tributary.gateway.support.JobLog;
import io.tributary.gateway.support.NotificationLog;
import io.tributary.gateway.support.Payloads;
import io.tributary.gateway.support.RawHttp;
import io.tributary.gateway.support.RawHttp.Answer;
import io.tributary.gateway.support.RunningGateway;
import io.tributary.gateway.support.SharedBroker;
import io.tributary.gateway.support.TestEvents;
import io.tributary.gateway.support.Tokens;
import io.tributary.gateway.support.TopicContents;
import io.tributary.schema.topic.RecordKeys;
import io.tributary.schema.topic.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * A table of hostile requests against every endpoint of a running gateway, over a raw socket so that
 * nothing is fixed on the way: bad ids in every path, bad cursors and paging values, bad and oversized
 * bodies (with and without a length), unknown paths, wrong methods, and each answered as a browser or an
 * {@code EventSource} would ask. Every answer must be the expected 4xx with a JSON {@code {"error"}}
 * that does not echo the token; afterwards no request has been a 5xx, nothing was written to Kafka and
 * the gateway still serves the user's job.
 */
class HostileInputIT {

    private static final String USER = "hostile-" + UUID.randomUUID();
    private static final String TOKEN = Tokens.forUser(USER);
    private static final String THREAD = "thread-hostile";
    private static final int BODY_LIMIT = 16 * 1024;

    private static JobLog log;
    private static NotificationLog notifications;
    private static RunningGateway gateway;
    private static RawHttp http;
    private static TestEvents job;

    @BeforeAll
    static void start() {
        log = new JobLog(SharedBroker.bootstrapServers());
        notifications = new NotificationLog(SharedBroker.bootstrapServers());
        job = new TestEvents(UUID.randomUUID().toString());
        log.append(job.started(USER), job.text(1, "Hello"));
        gateway = RunningGateway.start(SharedBroker.bootstrapServers(), Map.of());
        http = new RawHttp(gateway.port());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        notifications.close();
        log.close();
    }

    record Hostile(String name, String method, String target, Map<String, String> headers, byte[] body,
            boolean chunked, int expected) {

        @Override
        public String toString() {
            return name;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileRequests")
    void shouldAnswerEveryHostileRequestWithItsJsonClientError(Hostile request) {
        Answer answer = http.send(request.method(), request.target(), request.headers(), request.body(), request.chunked());

        assertThat(answer.status()).as("%s: %s", request, answer).isEqualTo(request.expected());
        assertThat(answer.header("Content-Type")).as("%s: %s", request, answer).startsWith("application/json");
        JsonNode error = Payloads.json(answer.body()).path("error");
        assertThat(error.isString() && !error.asString().isBlank()).as("%s: %s", request, answer).isTrue();
        assertThat(answer.body()).doesNotContain(TOKEN);
    }

    @Test
    void shouldHaveAnsweredNoClientInputWithAServerErrorNorWrittenAnything() {
        hostileRequests().forEach(arguments -> {
            Hostile request = (Hostile) arguments.get()[0];
            http.send(request.method(), request.target(), request.headers(), request.body(), request.chunked());
        });

        MeterRegistry meters = gateway.bean(MeterRegistry.class);
        List<Timer> clientErrors = meters.find("http.server.requests").tag("outcome", "CLIENT_ERROR").timers().stream()
                .filter(timer -> timer.count() > 0).toList();
        List<Timer> serverErrors = meters.find("http.server.requests").tag("outcome", "SERVER_ERROR").timers().stream()
                .filter(timer -> timer.count() > 0).toList();
        assertThat(clientErrors).as("the requests are observed at all").isNotEmpty();
        assertThat(serverErrors).extracting(timer -> timer.getId().getTags()).isEmpty();
        assertThat(TopicContents.withKey(SharedBroker.bootstrapServers(), Topics.THREAD_PREFS,
                RecordKeys.thread(USER, THREAD))).isEmpty();
        try (ControlLog control = new ControlLog(SharedBroker.bootstrapServers())) {
            assertThat(control.commandsOf(job.jobId())).isEmpty();
        }
        Answer status = http.send("GET", "/api/jobs/" + job.jobId() + "/status", bearer());
        assertThat(status.status()).isEqualTo(200);
        assertThat(Payloads.json(status.body()).path("content").asString()).isEqualTo("Hello");
    }

    static Stream<Arguments> hostileRequests() {
        List<Hostile> all = new ArrayList<>();
        badIds(all);
        badNumbers(all);
        badBodies(all);
        unknownPathsAndMethods(all);
        // The same mistakes, asked as a browser page and as an EventSource would ask.
        for (String accept : List.of("text/html", "text/event-stream")) {
            for (Hostile request : List.copyOf(all.subList(0, 3))) {
                all.add(with(request, "Accept", accept));
            }
            all.add(with(get("unknown path", "/api/nope", 404), "Accept", accept));
            all.add(with(get("bad cursor on the stream", streamOf(job.jobId()) + "?lastEventId=-1", 400), "Accept", accept));
            all.add(with(get("bad feed cursor", "/api/notifications/stream?lastEventId=x", 400), "Accept", accept));
        }
        return all.stream().map(Arguments::of);
    }

    private static void badIds(List<Hostile> all) {
        List<String> ids = List.of("x".repeat(201), "a%20b", "%00", "a%0Ab", "%F0%9F%91%8B", "%C3%28", "a%2Fb",
                "%2e%2e", "a;b=c", "%3Cscript%3E", "a%5Cb", "%E2%80%A8");
        for (String id : ids) {
            String shown = id.length() > 20 ? id.substring(0, 20) + "..." : id;
            all.add(get("status of job id " + shown, "/api/jobs/" + id + "/status", 400));
            all.add(get("stream of job id " + shown, streamOf(id), 400));
            all.add(request("abort of job id " + shown, "POST", "/api/jobs/" + id + "/abort", 400));
            all.add(request("read of notification id " + shown, "POST", "/api/notifications/" + id + "/read", 400));
            all.add(get("mute setting of thread id " + shown, "/api/threads/" + id + "/mute", 400));
            all.add(body("mute of thread id " + shown, "/api/threads/" + id + "/mute", json("{\"muted\":true}"), false, 400));
        }
    }

    private static void badNumbers(List<Hostile> all) {
        List<String> values = List.of("-1", "abc", "", "99999999999999999999", "1e3", "0x10", "1.5", "%00", "%EF%BC%91",
                "1%20", "%2B1");
        String stream = streamOf(job.jobId());
        for (String value : values) {
            all.add(get("status offset=" + value, "/api/jobs/" + job.jobId() + "/status?offset=" + value, 400));
            all.add(get("stream offset=" + value, stream + "?offset=" + value, 400));
            all.add(get("stream lastEventId=" + value, stream + "?lastEventId=" + value, 400));
            all.add(get("stream last_event_id=" + value, stream + "?last_event_id=" + value, 400));
            all.add(get("feed lastEventId=" + value, "/api/notifications/stream?lastEventId=" + value, 400));
            all.add(get("inbox limit=" + value, "/api/notifications?limit=" + value, 400));
            all.add(get("inbox before=" + value, "/api/notifications?before=" + value, 400));
        }
        all.add(get("inbox limit=0", "/api/notifications?limit=0", 400));
        all.add(get("inbox limit=201", "/api/notifications?limit=201", 400));
        all.add(get("job list status=done", "/api/jobs?status=done", 400));
        all.add(get("job list status=%00", "/api/jobs?status=%00", 400));
        // Last-Event-ID as a header: an empty one counts as none (browsers send none without an id).
        for (String value : List.of("-1", "abc", "99999999999999999999", "1e3", "1 2")) {
            all.add(with(get("stream Last-Event-ID: " + value, stream, 400), "Last-Event-ID", value));
            all.add(with(get("feed Last-Event-ID: " + value, "/api/notifications/stream", 400), "Last-Event-ID", value));
        }
    }

    private static void badBodies(List<Hostile> all) {
        String mute = "/api/threads/" + THREAD + "/mute";
        for (String text : List.of("{", "[]", "null", "\"muted\"", "{\"muted\":\"yes\"}", "{\"muted\":1}", "{\"muted\":null}",
                "{\"muted\":true", "{\"muted\":1e999999}", "{\"muted\":tru}", "[".repeat(5000), "{\"a\":".repeat(3000))) {
            all.add(body("mute body " + (text.length() > 20 ? text.substring(0, 20) + "..." : text), mute, json(text), false, 400));
        }
        all.add(body("mute body of invalid UTF-8", mute, new byte[] {'{', '"', 'm', (byte) 0xff, '"', ':', '1', '}'}, false, 400));
        all.add(body("mute body with a NUL", mute, json("{\"muted\":true,\"\u0000\":1}\u0000"), false, 400));
        byte[] oversized = json("{\"muted\":true,\"pad\":\"" + "x".repeat(BODY_LIMIT) + "\"}");
        all.add(body("mute body over 16 KiB with Content-Length", mute, oversized, false, 413));
        all.add(body("mute body over 16 KiB chunked", mute, oversized, true, 413));
        all.add(new Hostile("abort with a body over 16 KiB", "POST", "/api/jobs/" + job.jobId() + "/abort",
                bearer(), oversized, false, 413));
        all.add(new Hostile("mute body as text/plain", "PUT", mute, headers("Content-Type", "text/plain"),
                json("{\"muted\":true}"), false, 415));
    }

    private static void unknownPathsAndMethods(List<Hostile> all) {
        all.add(get("unknown path", "/api/nope", 404));
        all.add(get("path below the status", "/api/jobs/" + job.jobId() + "/status/more", 404));
        all.add(request("DELETE of the status", "DELETE", "/api/jobs/" + job.jobId() + "/status", 405));
        all.add(request("POST of the job list", "POST", "/api/jobs", 405));
        all.add(request("GET of an abort", "GET", "/api/jobs/" + job.jobId() + "/abort", 405));
        all.add(request("PATCH of a mute", "PATCH", "/api/threads/" + THREAD + "/mute", 405));
        all.add(request("GET of read-all", "GET", "/api/notifications/read-all", 405));
    }

    private static Hostile get(String name, String target, int expected) {
        return request(name, "GET", target, expected);
    }

    private static Hostile request(String name, String method, String target, int expected) {
        return new Hostile(name, method, target, bearer(), new byte[0], false, expected);
    }

    private static Hostile body(String name, String target, byte[] body, boolean chunked, int expected) {
        return new Hostile(name, "PUT", target, headers("Content-Type", "application/json"), body, chunked, expected);
    }

    private static Hostile with(Hostile request, String header, String value) {
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        headers.put(header, value);
        return new Hostile(request.name() + " [" + header + ": " + value + "]", request.method(), request.target(),
                headers, request.body(), request.chunked(), request.expected());
    }

    private static Map<String, String> bearer() {
        return Map.of("Authorization", "Bearer " + TOKEN);
    }

    private static Map<String, String> headers(String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>(bearer());
        headers.put(name, value);
        return headers;
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String streamOf(String jobId) {
        return "/api/jobs/" + jobId + "/stream";
    }
}
