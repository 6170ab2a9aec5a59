package io.tributary.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.tributary.schema.topic.Topics;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * Security suite, tokens: every bad bearer token on every endpoint of the ingest and the gateway is a
 * 401 with {@code WWW-Authenticate: Bearer} and a JSON error that never echoes the token. Each bad token
 * claims to be a real user with a running job, so "nothing written" is checked where it would show: the
 * job still runs (no abort command on {@code jobs.control}), the user has no job but their own, and
 * their thread is not muted.
 */
class SecurityTokensIT {

    private static final String THREAD = "victim-thread";
    private static final Duration STATE_BOUND = Duration.ofSeconds(30);

    private static TributaryStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        stack = TributaryStack.shared();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BadToken.class)
    void shouldRefuseABadTokenOnEveryEndpointWithA401AndChangeNothing(BadToken bad) throws Exception {
        TributaryClient victim = TributaryClient.freshUser(stack, "victim");
        // Long enough to be streaming through every attempt and the checks after them.
        String jobId = victim.startJob(JobRequest.of("bad tokens", 600, 50).inThread(THREAD, "victim-message"));
        @Nullable String token = bad.of(stack.tokens, victim.user());

        for (HttpCall call : everyEndpoint(victim.gateway(), jobId)) {
            HttpResponse<String> response = call.bearer(token).send();

            ErrorAnswers.assertError(response, 401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).as("WWW-Authenticate of %s", call)
                    .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer"));
            if (token != null) {
                assertNotEchoed(response, token);
            }
        }

        assertNothingChanged(victim, jobId);
    }

    /** The victim's own next job is listed; by then a job started with a bad token would be listed too. */
    private static void assertNothingChanged(TributaryClient victim, String jobId) throws Exception {
        String marker = victim.startJob(JobRequest.of("marker after bad tokens", 3, 10).inThread("marker-thread", "marker"));
        JsonNode jobs = await().atMost(STATE_BOUND).pollInterval(Duration.ofMillis(300))
                .until(() -> TributaryClient.JSON.readTree(victim.jobs().body()), list -> TributaryClient.jobIds(list).contains(marker));
        assertThat(TributaryClient.jobIds(jobs)).as("the victim's jobs").containsExactlyInAnyOrder(jobId, marker);
        assertThat(TopicReader.readAll(stack.bootstrapServers(), Topics.JOB_CONTROL))
                .as("commands for the victim's job").noneMatch(record -> jobId.equals(record.key()));
        assertThat(TributaryClient.JSON.readTree(victim.muteState(THREAD).body()).path("muted").asBoolean())
                .as("the victim's thread muted").isFalse();
        HttpResponse<String> abort = victim.abort(jobId);
        assertThat(TributaryClient.JSON.readTree(abort.body()).path("aborted").asBoolean())
                .as("the victim's job was still running: " + abort.body()).isTrue();
    }

    /** Every endpoint with a user behind it, each as a request that would change something if it got through. */
    static List<HttpCall> everyEndpoint(GatewayProcess gateway, String jobId) {
        String api = gateway.url() + "/api";
        List<HttpCall> calls = new ArrayList<>();
        calls.add(HttpCall.post(stack.ingestUrl() + "/api/openrouter/stream")
                .json(JobRequest.of("started with a bad token", 3, 10).background()));
        calls.add(HttpCall.get(api + "/jobs"));
        calls.add(HttpCall.get(api + "/jobs/" + jobId + "/status"));
        calls.add(HttpCall.get(api + "/jobs/" + jobId + "/stream").header("Accept", "text/event-stream"));
        calls.add(HttpCall.post(api + "/jobs/" + jobId + "/abort"));
        calls.add(HttpCall.post(api + "/jobs/" + jobId + "/stream-token"));
        calls.add(HttpCall.get(api + "/notifications"));
        calls.add(HttpCall.get(api + "/notifications/unread-count"));
        calls.add(HttpCall.post(api + "/notifications/read-all"));
        calls.add(HttpCall.delete(api + "/notifications"));
        calls.add(HttpCall.get(api + "/notifications/stream").header("Accept", "text/event-stream"));
        calls.add(HttpCall.post(api + "/notifications/stream-token"));
        calls.add(HttpCall.put(api + "/threads/" + THREAD + "/mute").json("{\"muted\":true}"));
        calls.add(HttpCall.get(api + "/threads/" + THREAD + "/mute"));
        return calls;
    }

    /** Neither the token nor any of its parts (a signature alone would let a reader replay nothing, but is still the token's). */
    private static void assertNotEchoed(HttpResponse<String> response, String token) {
        if (!token.isEmpty()) {
            ErrorAnswers.assertNotEchoed(response, token);
        }
        for (String part : token.split("\\.")) {
            if (part.length() >= 8) {
                ErrorAnswers.assertNotEchoed(response, part);
            }
        }
    }
}
