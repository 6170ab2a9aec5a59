package io.tributary.system;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a chat application does with Tributary, over real HTTP: start jobs, watch them, ask their
 * status, abort them and mute threads. Talks to one gateway; {@link #on} gives the same user on another.
 */
final class TributaryClient {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String JOB_ID_HEADER = "X-Tributary-Job-Id";

    private final TributaryStack stack;
    private final String user;
    private final BearerHttp http;
    private final GatewayProcess gateway;

    TributaryClient(TributaryStack stack, String user) {
        this(stack, user, new BearerHttp(stack.token(user)), stack.firstGateway());
    }

    private TributaryClient(TributaryStack stack, String user, BearerHttp http, GatewayProcess gateway) {
        this.stack = stack;
        this.user = user;
        this.http = http;
        this.gateway = gateway;
    }

    /**
     * A user of its own for one test (a random suffix), so that no other test's notifications, marks
     * or mutes show in its inbox, nor its own of an earlier attempt.
     */
    static TributaryClient freshUser(TributaryStack stack, String name) {
        return new TributaryClient(stack, name + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** The same user, through another gateway. */
    TributaryClient on(GatewayProcess other) {
        return new TributaryClient(stack, user, http, other);
    }

    /** A background job request whose reply the simulator streams in {@code chunks} deltas, one every {@code intervalMs}. */
    static String backgroundRequest(String prompt, int chunks, int intervalMs) {
        return JobRequest.of(prompt, chunks, intervalMs).background();
    }

    /** Starts a background job and returns its id. */
    String startJob(String requestJson) throws IOException, InterruptedException {
        HttpResponse<String> response = http.postJson(stack.ingestUrl() + "/api/openrouter/stream", requestJson);
        if (response.statusCode() != 200) {
            throw new AssertionError("Job start answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode body = JSON.readTree(response.body());
        if (!"streaming".equals(body.path("status").asString())) {
            throw new AssertionError("A new job must be streaming: " + response.body());
        }
        return body.path("jobId").asString();
    }

    /** A POST of a job request to the ingest with one more header, answered as it comes. */
    HttpResponse<String> postToIngest(String requestJson, String header, String value)
            throws IOException, InterruptedException {
        return http.postJson(stack.ingestUrl() + "/api/openrouter/stream", requestJson, header, value);
    }

    String startJob(JobRequest request) throws IOException, InterruptedException {
        return startJob(request.background());
    }

    /**
     * Runs a foreground job: the caller reads the proxied upstream stream to its end, as a chat client
     * that stays on the page does. Returns the id of the job the ingest recorded for it.
     */
    String runForegroundJob(JobRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.postJson(stack.ingestUrl() + "/api/openrouter/stream", request.foreground());
        if (response.statusCode() != 200) {
            throw new AssertionError("Foreground request answered " + response.statusCode() + ": " + response.body());
        }
        return response.headers().firstValue(JOB_ID_HEADER)
                .orElseThrow(() -> new AssertionError("A foreground answer names its job in " + JOB_ID_HEADER));
    }

    SseClient watch(String jobId, @Nullable String lastEventId) throws IOException, InterruptedException {
        return SseClient.open(URI.create(gateway.url() + "/api/jobs/" + jobId + "/stream"), http.token(), lastEventId);
    }

    /** A GET of a gateway path (with its query) under the user's token. */
    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return http.get(gateway.url() + pathAndQuery);
    }

    /** A GET of a gateway path whose body is bytes, not text. */
    HttpResponse<byte[]> getBytes(String pathAndQuery) throws IOException, InterruptedException {
        return http.getBytes(gateway.url() + pathAndQuery);
    }

    HttpResponse<String> status(String jobId) throws IOException, InterruptedException {
        return http.get(gateway.url() + "/api/jobs/" + jobId + "/status");
    }

    HttpResponse<String> abort(String jobId) throws IOException, InterruptedException {
        return http.post(gateway.url() + "/api/jobs/" + jobId + "/abort");
    }

    /** {@code GET /api/jobs}: the caller's jobs. */
    HttpResponse<String> jobs() throws IOException, InterruptedException {
        return http.get(gateway.url() + "/api/jobs");
    }

    /** {@code POST /api/jobs/{id}/stream-token}: a short-lived token that opens this job's stream from a browser. */
    HttpResponse<String> streamToken(String jobId) throws IOException, InterruptedException {
        return http.post(gateway.url() + "/api/jobs/" + jobId + "/stream-token");
    }

    /** The user's bearer token, for the tests that send it in other ways than a client does. */
    String token() {
        return http.token();
    }

    GatewayProcess gateway() {
        return gateway;
    }

    /** {@code PUT /api/threads/{threadId}/mute}; the answer unjudged. */
    HttpResponse<String> mute(String threadId, boolean muted) throws IOException, InterruptedException {
        return http.putJson(muteUrl(threadId), "{\"muted\":" + muted + "}");
    }

    /** {@code PUT /api/threads/{threadId}/mute} with any body, for the tests of bad input. */
    HttpResponse<String> muteWithBody(String threadId, String body) throws IOException, InterruptedException {
        return http.putJson(muteUrl(threadId), body);
    }

    HttpResponse<String> muteState(String threadId) throws IOException, InterruptedException {
        return http.get(muteUrl(threadId));
    }

    /** The user's notification inbox on this client's gateway. */
    InboxClient inbox() {
        return new InboxClient(gateway, http);
    }

    String user() {
        return user;
    }

    /** The job ids of a {@code GET /api/jobs} answer, in its order. */
    static List<String> jobIds(JsonNode jobs) {
        List<String> ids = new ArrayList<>();
        jobs.forEach(job -> ids.add(job.path("id").asString()));
        return ids;
    }

    private String muteUrl(String threadId) {
        return gateway.url() + "/api/threads/" + URLEncoder.encode(threadId, StandardCharsets.UTF_8) + "/mute";
    }
}
