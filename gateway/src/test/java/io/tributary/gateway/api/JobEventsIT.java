package io.tributary.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tributary.gateway.support.GatewayWithJobLog;
import io.tributary.gateway.support.Payloads;
import io.tributary.gateway.support.SharedBroker;
import io.tributary.gateway.support.SseClient;
import io.tributary.gateway.support.TestEvents;
import io.tributary.gateway.support.Tokens;
import io.tributary.gateway.support.TopicContents;
import io.tributary.schema.JobEvent;
import io.tributary.schema.topic.Topics;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The events endpoint against a real broker: a job's records exactly as they lie on {@code jobs.deltas}
 * (count, partition, offsets, seqs, payloads), paged or as NDJSON, for a job the processor has folded
 * and for one it never saw; another user's job and bad parameters are refused before anything is read.
 */
class JobEventsIT extends GatewayWithJobLog {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Map<String, String> NDJSON = Map.of("Accept", "application/x-ndjson");


    private final String alice = Tokens.forUser("alice");

    @Test
    void shouldAnswerExactlyTheJobsRecordsOnTheLogWithTheirPositions() {
        TestEvents job = newJob();
        TestEvents other = newJob();
        log.appendWithoutState(job.started("alice"), other.started("alice"), job.text(1, "Hel"),
                other.text(1, "x"), job.reasoning(2, "why"), job.toolCall(3, 0, "call-1", "lookup", "{\"q\":1}"),
                job.text(4, "lo"), job.usage(5), job.completed(6));

        JsonNode page = awaitEvents(job, "", 7);

        List<TopicContents.Entry<JobEvent>> records = TopicContents.withKey(SharedBroker.bootstrapServers(),
                Topics.JOB_DELTAS, job.jobId());
        assertThat(page.path("events").size()).isEqualTo(records.size()).isEqualTo(7);
        for (int i = 0; i < records.size(); i++) {
            JsonNode event = page.path("events").get(i);
            TopicContents.Entry<JobEvent> record = records.get(i);
            assertThat(event.path("seq").asLong()).isEqualTo(record.value().getSeq()).isEqualTo(i);
            assertThat(event.path("partition").asInt()).isEqualTo(record.partition());
            assertThat(event.path("offset").asLong()).isEqualTo(record.offset());
            assertThat(event.path("timestamp").asString()).isEqualTo(record.value().getTimestamp().toString());
        }
        assertThat(types(page)).containsExactly("started", "text_delta", "reasoning_delta", "tool_call_delta",
                "text_delta", "usage", "completed");
        JsonNode events = page.path("events");
        assertThat(events.get(0).path("payload").path("started").path("userId").asString()).isEqualTo("alice");
        assertThat(events.get(0).path("payload").path("started").path("mode").asString()).isEqualTo("background");
        assertThat(events.get(1).path("payload").path("text").asString()).isEqualTo("Hel");
        // Verbatim upstream JSON comes back as JSON, not as a string holding it.
        assertThat(events.get(2).path("payload").path("reasoningDetails").get(0).path("text").asString())
                .isEqualTo("why");
        assertThat(events.get(3).path("payload").path("toolCall").path("arguments").asString()).isEqualTo("{\"q\":1}");
        JsonNode usage = events.get(5).path("payload").path("usage");
        assertThat(usage.path("promptTokens").asLong()).isEqualTo(12);
        assertThat(usage.path("json").path("prompt_tokens_details").path("cached_tokens").asLong()).isEqualTo(4);
        assertThat(events.get(6).path("payload").path("completed").path("finishReason").asString()).isEqualTo("stop");
        assertThat(events.get(1).path("payload").has("started")).isFalse();
        assertThat(page.path("next").asLong()).isEqualTo(6);
        assertThat(page.path("more").asBoolean()).isFalse();
        assertThat(page.path("ended").asBoolean()).isTrue();
    }

    @Test
    void shouldPageWithAfterAndLimitUntilNothingIsLeft() {
        TestEvents job = newJob();
        log.append(job.started("alice"), job.text(1, "a"), job.text(2, "b"), job.text(3, "c"), job.text(4, "d"));
        awaitEvents(job, "", 5);

        List<Long> seqs = new ArrayList<>();
        String after = null;
        JsonNode page;
        do {
            page = events(job, (after == null ? "?" : "?after=" + after + "&") + "limit=2");
            page.path("events").forEach(event -> seqs.add(event.path("seq").asLong()));
            after = page.path("next").isNull() ? after : page.path("next").asString();
        } while (page.path("more").asBoolean());

        assertThat(seqs).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(page.path("ended").asBoolean()).isFalse();
        JsonNode past = events(job, "?after=4");
        assertThat(past.path("events").size()).isZero();
        assertThat(past.path("next").isNull()).isTrue();
        assertThat(past.path("more").asBoolean()).isFalse();
    }

    @Test
    void shouldStreamTheSameEventsAsNdjson() {
        TestEvents job = newJob();
        log.appendWithoutState(job.started("alice"), job.text(1, "a"), job.text(2, "b"), job.failed(3, "boom"));
        JsonNode page = awaitEvents(job, "", 4);

        SseClient.Response response = client.get(eventsPath(job) + "?after=0", alice, NDJSON);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/x-ndjson");
        List<JsonNode> lines = Arrays.stream(response.body().split("\n")).filter(line -> !line.isBlank())
                .map(Payloads::json).toList();
        assertThat(lines).hasSize(3);
        for (int i = 0; i < lines.size(); i++) {
            assertThat(lines.get(i)).isEqualTo(page.path("events").get(i + 1));
        }
        assertThat(lines.get(2).path("payload").path("failed").path("reason").asString()).isEqualTo("upstream_error");
        SseClient.Response limited = client.get(eventsPath(job) + "?limit=1", alice, NDJSON);
        assertThat(limited.body().strip().split("\n")).hasSize(1);
        SseClient.Response preferringJson = client.get(eventsPath(job), alice,
                Map.of("Accept", "application/json, application/x-ndjson;q=0.1"));
        assertThat(preferringJson.contentType()).startsWith("application/json");
        assertThat(Payloads.json(preferringJson.body()).path("events").size()).isEqualTo(4);
    }

    @Test
    void shouldAnswerAnotherUsersJobAsNotFoundAndBadParametersAsBadRequests() {
        TestEvents job = newJob();
        log.appendWithoutState(job.started("alice"), job.text(1, "secret"));
        awaitEvents(job, "", 2);

        for (Map<String, String> accept : List.of(Map.<String, String>of(), NDJSON)) {
            SseClient.Response foreign = client.get(eventsPath(job), Tokens.forUser("mallory"), accept);
            assertThat(foreign.status()).isEqualTo(404);
            assertThat(Payloads.json(foreign.body()).path("error").asString()).isEqualTo("Job not found");
            assertThat(foreign.body()).doesNotContain("secret");
            for (String query : List.of("?after=-1", "?after=x", "?limit=0", "?limit=10001", "?limit=2.5")) {
                SseClient.Response bad = client.get(eventsPath(job) + query, alice, accept);
                assertThat(bad.status()).as(query).isEqualTo(400);
                assertThat(Payloads.json(bad.body()).path("error").asString()).as(query).isNotBlank();
            }
        }
        assertThat(client.get("/api/jobs/" + UUID.randomUUID() + "/events", alice).status()).isEqualTo(404);
        assertThat(client.get(eventsPath(job), null).status()).isEqualTo(401);
    }

    private JsonNode awaitEvents(TestEvents job, String query, int count) {
        await().atMost(WAIT).until(() -> {
            SseClient.Response response = client.get(eventsPath(job) + query, alice);
            return response.status() == 200 && Payloads.json(response.body()).path("events").size() == count;
        });
        return events(job, query);
    }

    private JsonNode events(TestEvents job, String query) {
        SseClient.Response response = client.get(eventsPath(job) + query, alice);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return Payloads.json(response.body());
    }

    private static List<String> types(JsonNode page) {
        List<String> types = new ArrayList<>();
        page.path("events").forEach(event -> types.add(event.path("type").asString()));
        return types;
    }

    private static String eventsPath(TestEvents job) {
        return "/api/jobs/" + job.jobId() + "/events";
    }

    private static TestEvents newJob() {
        return new TestEvents(UUID.randomUUID().toString());
    }
}
