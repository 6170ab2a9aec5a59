package io.tributary.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What a chat application does with Tributary, over real HTTP: start jobs, watch them, ask their status. */
final class TributaryClient {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final TributaryStack stack;
    private final String user;
    private final String token;

    TributaryClient(TributaryStack stack, String user) {
        this.stack = stack;
        this.user = user;
        this.token = stack.token(user);
    }

    /** A background job request whose reply the simulator streams in {@code chunks} deltas, one every {@code intervalMs}. */
    static String backgroundRequest(String prompt, int chunks, int intervalMs) {
        return """
                {"model":"simulator/echo","messages":[{"role":"user","content":"%s"}],
                 "_background":true,"_threadId":"thread-1","_messageId":"message-1",
                 "simulator":{"chunks":%d,"interval_ms":%d}}""".formatted(prompt, chunks, intervalMs);
    }

    /** Starts a background job and returns its id. */
    String startJob(String requestJson) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stack.ingestUrl() + "/api/openrouter/stream"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(requestJson))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("Job start answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode body = JSON.readTree(response.body());
        if (!"streaming".equals(body.path("status").asString())) {
            throw new AssertionError("A new job must be streaming: " + response.body());
        }
        return body.path("jobId").asString();
    }

    SseClient watch(String jobId, @Nullable String lastEventId) throws IOException, InterruptedException {
        return SseClient.open(URI.create(stack.gatewayUrl() + "/api/jobs/" + jobId + "/stream"), token, lastEventId);
    }

    HttpResponse<String> status(String jobId) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/jobs/" + jobId + "/status"))
                        .header("Authorization", "Bearer " + token)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> abort(String jobId) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/jobs/" + jobId + "/abort"))
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    String user() {
        return user;
    }
}
