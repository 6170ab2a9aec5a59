package io.tributary.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.tributary.bench.stack.BenchStack;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Starts background jobs on a stack's ingest, as a chat client does: {@code POST /api/openrouter/stream}
 * with the simulator's model and pacing in the body. Every job should have a prompt of its own: the
 * prompt keys the simulator's {@link WriteTimes}, and the simulator's reply is derived from it.
 */
public final class JobStarts {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final BenchStack stack;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public JobStarts(BenchStack stack) {
        this.stack = stack;
    }

    /**
     * Starts a job and returns its id.
     *
     * @param body from {@link #requestBody}
     * @param token the user's bearer token
     */
    public String start(String body, String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.ingestUrl() + "/api/openrouter/stream"))
                .timeout(START_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("A job start answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode answer = JSON.readTree(response.body());
        return answer.path("jobId").asString();
    }

    /**
     * A background job's request for the simulator: {@code chunks} content deltas, one every
     * {@code intervalMs} (0: as fast as the connection takes them).
     */
    public static String requestBody(String prompt, int chunks, int intervalMs) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", "simulator/echo");
        ObjectNode message = body.putArray("messages").addObject();
        message.put("role", "user");
        message.put("content", prompt);
        body.put("_background", true);
        body.put("_threadId", "bench-thread");
        body.put("_messageId", "bench-message");
        ObjectNode simulator = body.putObject("simulator");
        simulator.put("chunks", chunks);
        simulator.put("interval_ms", intervalMs);
        return JSON.writeValueAsString(body);
    }
}
