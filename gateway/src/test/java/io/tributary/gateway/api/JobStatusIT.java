package io.tributary.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.tributary.gateway.support.GatewayWithJobLog;
import io.tributary.gateway.support.Payloads;
import io.tributary.gateway.support.SseClient;
import io.tributary.gateway.support.TestEvents;
import io.tributary.gateway.support.Tokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/jobs/{id}/status} over real HTTP, answered from {@code jobs.state} on a real broker. */
class JobStatusIT extends GatewayWithJobLog {


    private final String alice = Tokens.forUser("alice");

    @Test
    void shouldAnswerTheStatusOfTheOriginalWithReasoningToolCallsUsageAndSeq() {
        TestEvents job = newJob();
        log.append(job.started("alice"), job.reasoning(1, "think"), job.text(2, "Hello"),
                job.toolCall(3, 0, "call_1", "get_weather", "{}"), job.usage(4), job.completed(5));

        SseClient.Response response = statusOnceRead(job, 5);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        JsonNode status = Payloads.json(response.body());
        assertThat(status.path("id").asString()).isEqualTo(job.jobId());
        assertThat(status.path("status").asString()).isEqualTo("complete");
        assertThat(status.path("threadId").asString()).isEqualTo("thread-1");
        assertThat(status.path("messageId").asString()).isEqualTo("message-1");
        assertThat(status.path("model").asString()).isEqualTo("test/model");
        assertThat(status.path("chunksReceived").asLong()).isEqualTo(3);
        assertThat(status.path("startedAt").asLong()).isEqualTo(job.started("alice").getTimestamp().toEpochMilli());
        assertThat(status.path("completedAt").asLong()).isEqualTo(job.completed(5).getTimestamp().toEpochMilli());
        assertThat(status.path("error").isNull()).isTrue();
        assertThat(status.path("content").asString()).isEqualTo("Hello");
        assertThat(status.path("reasoning").asString()).isEqualTo("think");
        assertThat(status.path("tool_calls").get(0).path("function").path("name").asString()).isEqualTo("get_weather");
        assertThat(status.path("usage").path("total_tokens").asInt()).isEqualTo(21);
        assertThat(status.path("seq").asLong()).isEqualTo(5);
    }

    @Test
    void shouldAnswerTheFailureMessageOfAFailedJob() {
        TestEvents job = newJob();
        log.append(job.started("alice"), job.text(1, "The answer is"), job.failed(2, "Provider disconnected unexpectedly"));

        JsonNode status = Payloads.json(statusOnceRead(job, 2).body());

        assertThat(status.path("status").asString()).isEqualTo("error");
        assertThat(status.path("error").asString()).isEqualTo("Provider disconnected unexpectedly");
        assertThat(status.path("content").asString()).isEqualTo("The answer is");
    }

    @Test
    void shouldAnswerTheContentFromAnOffsetAndAllOfItPastTheEnd() {
        TestEvents job = newJob();
        log.append(job.started("alice"), job.text(1, "Hello, "), job.text(2, "world"));
        statusOnceRead(job, 2);

        JsonNode fromSeven = Payloads.json(client.get(statusOf(job) + "?offset=7", alice).body());
        JsonNode atTheEnd = Payloads.json(client.get(statusOf(job) + "?offset=12", alice).body());
        JsonNode pastTheEnd = Payloads.json(client.get(statusOf(job) + "?offset=13", alice).body());

        assertThat(fromSeven.path("status").asString()).isEqualTo("streaming");
        assertThat(fromSeven.has("content")).isFalse();
        assertThat(fromSeven.path("content_delta").asString()).isEqualTo("world");
        assertThat(fromSeven.path("content_length").asInt()).isEqualTo(12);
        assertThat(atTheEnd.path("content_delta").asString()).isEmpty();
        assertThat(pastTheEnd.has("content_delta")).isFalse();
        assertThat(pastTheEnd.path("content").asString()).isEqualTo("Hello, world");
    }

    @Test
    void shouldWaitBrieflyForAJobWhoseStateIsNotPublishedYet() throws Exception {
        TestEvents job = newJob();

        CompletableFuture<SseClient.Response> asked = CompletableFuture.supplyAsync(() -> client.get(statusOf(job), alice));
        Thread.sleep(300);
        log.append(job.started("alice"));

        assertThat(asked.get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
    }

    @Test
    void shouldAnswerNotFoundForAnotherUsersJobExactlyAsForAMissingOne() {
        TestEvents job = newJob();
        log.append(job.started("alice"));

        SseClient.Response foreign = client.get(statusOf(job), Tokens.forUser("bob"));
        SseClient.Response missing = client.get("/api/jobs/" + UUID.randomUUID() + "/status", alice);

        assertThat(foreign.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(foreign.body()).isEqualTo(missing.body());
        assertThat(Payloads.json(foreign.body()).path("error").asString()).isEqualTo("Job not found");
    }

    @Test
    void shouldRefuseABadOffsetWithJson() {
        TestEvents job = newJob();
        log.append(job.started("alice"));

        for (String offset : List.of("-1", "abc", "1.5")) {
            SseClient.Response response = client.get(statusOf(job) + "?offset=" + offset, alice);
            assertThat(response.status()).as("offset=%s", offset).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/json");
            assertThat(Payloads.json(response.body()).path("error").asString()).contains("offset");
        }
    }

    @Test
    void shouldRequireAValidBearerToken() {
        TestEvents job = newJob();
        log.append(job.started("alice"));

        SseClient.Response anonymous = client.get(statusOf(job), null);
        SseClient.Response forged = client.get(statusOf(job), Tokens.forUser("alice") + "x");

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/json");
        assertThat(Payloads.json(anonymous.body()).path("error").asString()).isNotBlank();
        assertThat(forged.status()).isEqualTo(401);
        assertThat(client.get("/api/jobs/" + job.jobId() + "/stream", null).status()).isEqualTo(401);
    }

    @Test
    void shouldReportUpOnceTheJobStatesAreRead() {
        SseClient.Response health = client.get("/actuator/health", null);

        assertThat(health.status()).isEqualTo(200);
        JsonNode body = Payloads.json(health.body());
        assertThat(body.path("status").asString()).isEqualTo("UP");
        assertThat(body.path("components").path("gateway").path("details").path("jobStateCaughtUp").asBoolean()).isTrue();
    }

    /**
     * The job's status once the gateway's view has read its state up to the seq: the view follows
     * {@code jobs.state} asynchronously, so a status right after a write may be a state behind.
     */
    private SseClient.Response statusOnceRead(TestEvents job, long seq) {
        SseClient.Response[] last = new SseClient.Response[1];
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            last[0] = client.get(statusOf(job), alice);
            return last[0].status() == 200 && Payloads.json(last[0].body()).path("seq").asLong() == seq;
        });
        return last[0];
    }

    private static TestEvents newJob() {
        return new TestEvents(UUID.randomUUID().toString());
    }

    private static String statusOf(TestEvents job) {
        return "/api/jobs/" + job.jobId() + "/status";
    }
}
