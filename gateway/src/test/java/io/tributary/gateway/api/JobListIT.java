package io.tributary.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;

import io.tributary.gateway.support.GatewayWithJobLog;
import io.tributary.gateway.support.Payloads;
import io.tributary.gateway.support.SseClient;
import io.tributary.gateway.support.TestEvents;
import io.tributary.gateway.support.Tokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/jobs[?status=...]} over real HTTP, answered from {@code jobs.state} on a real broker.
 * Every test has users of its own, since the broker holds the jobs of every test of the module.
 */
class JobListIT extends GatewayWithJobLog {

    private static final Instant T0 = Instant.parse("2026-02-01T09:00:00Z");


    @Test
    void shouldListTheCallersStreamingJobsNewestFirstWithoutContent() {
        String user = newUser();
        TestEvents older = job(1);
        TestEvents finished = job(2);
        TestEvents newer = job(3);
        TestEvents someoneElses = job(4);
        log.append(older.started(user), older.text(1, "old"));
        log.append(finished.started(user), finished.text(1, "done"), finished.completed(2));
        log.append(newer.started(user), newer.text(1, "new"), newer.text(2, " text"));
        log.append(someoneElses.started(newUser()));

        // States arrive per partition, in no order across jobs: wait for the last write of each job.
        List<JsonNode> streaming = awaitList(user, "?status=streaming", jobs -> ids(jobs).size() == 2
                && ids(jobs).contains(newer.jobId()) && chunks(jobs, newer) == 2);

        assertThat(ids(streaming)).containsExactly(newer.jobId(), older.jobId());
        JsonNode first = streaming.get(0);
        assertThat(first.propertyNames()).containsExactly("id", "status", "threadId", "messageId", "model",
                "chunksReceived", "startedAt", "completedAt", "error");
        assertThat(first.path("status").asString()).isEqualTo("streaming");
        assertThat(first.path("threadId").asString()).isEqualTo("thread-1");
        assertThat(first.path("messageId").asString()).isEqualTo("message-1");
        assertThat(first.path("model").asString()).isEqualTo("test/model");
        assertThat(first.path("chunksReceived").asLong()).isEqualTo(2);
        assertThat(first.path("startedAt").asLong()).isEqualTo(T0.plusSeconds(3).toEpochMilli());
        assertThat(first.path("completedAt").isNull()).isTrue();
        assertThat(first.path("error").isNull()).isTrue();
    }

    @Test
    void shouldListAllOfTheCallersJobsWithoutAStatusAndOnlyTheOnesAskedForWithOne() {
        String user = newUser();
        TestEvents streaming = job(1);
        TestEvents failed = job(2);
        TestEvents completed = job(3);
        log.append(streaming.started(user));
        log.append(failed.started(user), failed.failed(1, "Provider disconnected"));
        log.append(completed.started(user), completed.completed(1));

        List<JsonNode> all = awaitList(user, "", jobs -> statuses(jobs).equals(List.of("complete", "error", "streaming")));
        List<JsonNode> errors = list(user, "?status=error");
        List<JsonNode> complete = list(user, "?status=COMPLETE");

        assertThat(ids(all)).containsExactly(completed.jobId(), failed.jobId(), streaming.jobId());
        assertThat(statuses(all)).containsExactly("complete", "error", "streaming");
        assertThat(all.get(0).path("completedAt").asLong()).isEqualTo(completed.completed(1).getTimestamp().toEpochMilli());
        assertThat(ids(errors)).containsExactly(failed.jobId());
        assertThat(errors.get(0).path("error").asString()).isEqualTo("Provider disconnected");
        assertThat(ids(complete)).containsExactly(completed.jobId());
        assertThat(list(user, "?status=aborted")).isEmpty();
    }

    @Test
    void shouldDropAJobFromTheListOnceJobsStateForgetsIt() {
        String user = newUser();
        TestEvents kept = job(1);
        TestEvents forgotten = job(2);
        log.append(kept.started(user));
        log.append(forgotten.started(user), forgotten.completed(1));
        awaitList(user, "", jobs -> jobs.size() == 2);

        log.tombstone(forgotten.jobId());

        await().atMost(Duration.ofSeconds(5)).until(() -> ids(list(user, "")).equals(List.of(kept.jobId())));
    }

    @Test
    void shouldAnswerAnEmptyListToAUserWithoutJobs() {
        SseClient.Response response = client.get("/api/jobs", Tokens.forUser(newUser()));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.body()).isEqualTo("[]");
    }

    @Test
    void shouldRefuseAStatusThatIsNoneOfTheFourWithJson() {
        String token = Tokens.forUser(newUser());

        for (String status : List.of("running", "unknown", "", "streaming,complete")) {
            SseClient.Response response = client.get("/api/jobs?status=" + status, token);
            assertThat(response.status()).as("status=%s", status).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/json");
            assertThat(Payloads.json(response.body()).path("error").asString())
                    .isEqualTo("status must be one of streaming, complete, error, aborted");
        }
    }

    @Test
    void shouldRequireAValidBearerToken() {
        SseClient.Response anonymous = client.get("/api/jobs?status=streaming", null);

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(Payloads.json(anonymous.body()).path("error").asString()).isNotBlank();
    }

    /** The list once it is as expected: the gateway's view follows jobs.state asynchronously. */
    private static List<JsonNode> awaitList(String user, String query, Predicate<List<JsonNode>> expected) {
        List<List<JsonNode>> last = new ArrayList<>(List.of(List.of()));
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            last.set(0, list(user, query));
            return expected.test(last.get(0));
        });
        return last.get(0);
    }

    private static List<JsonNode> list(String user, String query) {
        SseClient.Response response = client.get("/api/jobs" + query, Tokens.forUser(user));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        JsonNode body = Payloads.json(response.body());
        assertThat(body.isArray()).isTrue();
        return StreamSupport.stream(body.spliterator(), false).toList();
    }

    private static List<String> statuses(List<JsonNode> jobs) {
        return jobs.stream().map(job -> job.path("status").asString()).toList();
    }

    private static long chunks(List<JsonNode> jobs, TestEvents job) {
        return jobs.stream().filter(listed -> listed.path("id").asString().equals(job.jobId()))
                .mapToLong(listed -> listed.path("chunksReceived").asLong()).findFirst().orElse(-1);
    }

    private static List<String> ids(List<JsonNode> jobs) {
        return jobs.stream().map(job -> job.path("id").asString()).toList();
    }

    /** A job that started this many seconds after T0, so that the order of the list is known. */
    private static TestEvents job(int secondsAfterT0) {
        return new TestEvents(UUID.randomUUID().toString(), T0.plusSeconds(secondsAfterT0));
    }

    private static String newUser() {
        return "user-" + UUID.randomUUID();
    }
}
