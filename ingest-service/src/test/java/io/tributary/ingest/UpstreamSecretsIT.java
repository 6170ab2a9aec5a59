package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.sun.net.httpserver.HttpExchange;
import io.tributary.ingest.testing.ExpectedJob;
import io.tributary.ingest.testing.ScriptedUpstream;
import io.tributary.ingest.testing.TestTokens;
import io.tributary.schema.FailureReason;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobState;
import io.tributary.schema.JobStatus;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * An upstream that echoes the key it was sent (the server's, or the caller's
 * {@code x-or3-openrouter-key}) in its error body, its headers and a mid-stream error chunk: the key
 * reaches neither the caller, nor the job's events on the log, nor the application's log output, and
 * neither does the caller's bearer token.
 */
@ExtendWith(OutputCaptureExtension.class)
class UpstreamSecretsIT extends AbstractHostileUpstreamIT {

    private static final String REDACTED = "[redacted]";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String callerKey = "sk-or-v1-caller-" + UUID.randomUUID();
    private final String token = TestTokens.forUser("carol");

    @Test
    void shouldKeepTheServersKeyThatARefusalEchoesOutOfTheJobAndTheLogs(CapturedOutput output) throws Exception {
        String model = uniqueModel("refusal-echoes-server-key");
        UPSTREAM.on(model, refusalEchoingTheKey(401));

        String jobId = JSON.readTree(post(null, body(model, background("t", "m"))).body()).path("jobId").asString();

        List<JobEvent> events = awaitEnded(jobId);
        assertThat(UPSTREAM.requests(model)).singleElement()
                .satisfies(request -> assertThat(request.authorization()).isEqualTo("Bearer " + SERVER_KEY));
        JobState state = ExpectedJob.fold(events);
        assertThat(state.getFailure().getReason()).isEqualTo(FailureReason.UPSTREAM_ERROR);
        assertThat(state.getFailure().getMessage()).isEqualTo("Invalid key " + REDACTED);
        assertThat(events.toString()).doesNotContain(SERVER_KEY);
        assertThat(output.getAll()).contains(jobId + ": the upstream answered HTTP 401: Invalid key " + REDACTED)
                .doesNotContain(SERVER_KEY, token);
    }

    @Test
    void shouldKeepTheCallersKeyThatARefusalEchoesOutOfTheAnswerTheJobAndTheLogs(CapturedOutput output) throws Exception {
        String model = uniqueModel("refusal-echoes-caller-key");
        UPSTREAM.on(model, refusalEchoingTheKey(403));

        HttpResponse<byte[]> answer = post(callerKey, body(model, ""));

        assertThat(UPSTREAM.requests(model)).singleElement()
                .satisfies(request -> assertThat(request.authorization()).isEqualTo("Bearer " + callerKey));
        assertThat(answer.statusCode()).isEqualTo(403);
        String body = new String(answer.body(), StandardCharsets.UTF_8);
        assertThat(body).contains("\"message\": \"Invalid key " + REDACTED + "\"").doesNotContain(callerKey);
        assertThat(answer.headers().firstValue("Retry-After")).contains(REDACTED);
        assertThat(answer.headers().firstValue("Content-Type")).contains("application/json; key=" + REDACTED);
        assertThat(answer.headers().map().toString()).doesNotContain(callerKey);
        List<JobEvent> events = awaitEnded(answer.headers().firstValue("X-Tributary-Job-Id").orElseThrow());
        assertThat(ExpectedJob.fold(events).getFailure().getMessage()).isEqualTo("Invalid key " + REDACTED);
        assertThat(events.toString()).doesNotContain(callerKey);
        assertThat(output.getAll()).doesNotContain(callerKey, token);
    }

    @Test
    void shouldKeepTheCallersKeyThatAMidStreamErrorEchoesOutOfTheJobAndTheLogs(CapturedOutput output) throws Exception {
        String model = uniqueModel("stream-echoes-caller-key");
        UPSTREAM.on(model, streamEchoingTheKey());

        String jobId = JSON.readTree(post(callerKey, body(model, background("t", "m"))).body()).path("jobId").asString();

        List<JobEvent> events = awaitEnded(jobId);
        JobState state = ExpectedJob.fold(events);
        assertThat(state.getStatus()).isEqualTo(JobStatus.ERROR);
        assertThat(state.getContent()).isEqualTo("partial ");
        assertThat(state.getFailure().getMessage()).isEqualTo("Key " + REDACTED + " was revoked");
        assertThat(events.toString()).doesNotContain(callerKey);
        assertThat(output.getAll()).doesNotContain(callerKey, token);
    }

    @Test
    void shouldKeepTheServersKeyThatAMidStreamErrorEchoesOutOfTheRelayedStreamAndTheJob(CapturedOutput output)
            throws Exception {
        String model = uniqueModel("stream-echoes-server-key");
        UPSTREAM.on(model, streamEchoingTheKey());

        HttpResponse<byte[]> answer = post(null, body(model, ""));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo(streamEchoing(REDACTED));
        assertThat(answer.headers().map().toString()).doesNotContain(SERVER_KEY);
        List<JobEvent> events = awaitEnded(answer.headers().firstValue("X-Tributary-Job-Id").orElseThrow());
        assertThat(ExpectedJob.fold(events).getFailure().getMessage()).isEqualTo("Key " + REDACTED + " was revoked");
        assertThat(events.toString()).doesNotContain(SERVER_KEY);
        assertThat(output.getAll()).doesNotContain(SERVER_KEY, token);
    }

    /** A refusal that names the key it got in its message, its metadata and three headers. */
    private static ScriptedUpstream.Script refusalEchoingTheKey(int status) {
        return exchange -> {
            String key = keyOf(exchange);
            byte[] body = ("{\"error\": {\"code\": " + status + ", \"message\": \"Invalid key " + key
                    + "\", \"metadata\": {\"key\": \"" + key + "\"}}}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; key=" + key);
            exchange.getResponseHeaders().set("Retry-After", key);
            exchange.getResponseHeaders().set("X-Echoed-Key", key);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        };
    }

    /** A stream with the key in a header and in an error chunk, written a few bytes at a time so that the key is cut across reads. */
    private static ScriptedUpstream.Script streamEchoingTheKey() {
        return exchange -> {
            exchange.getResponseHeaders().set("X-Echoed-Key", keyOf(exchange));
            ScriptedUpstream.stream(streamEchoing(keyOf(exchange)).getBytes(StandardCharsets.UTF_8), 1, 2, 3).serve(exchange);
        };
    }

    private static String streamEchoing(String key) {
        return "data: {\"choices\":[{\"delta\":{\"content\":\"partial \"}}]}\n\n"
                + "data: {\"error\": {\"code\": 401, \"message\": \"Key " + key + " was revoked\"}}\n\n";
    }

    private static String keyOf(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        return authorization == null ? "none" : authorization.substring("Bearer ".length());
    }

    private HttpResponse<byte[]> post(@Nullable String upstreamKey, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/openrouter/stream"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (upstreamKey != null) {
            request.header("x-or3-openrouter-key", upstreamKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
