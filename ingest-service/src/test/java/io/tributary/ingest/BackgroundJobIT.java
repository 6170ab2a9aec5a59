package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.tributary.ingest.testing.ExpectedJob;
import io.tributary.ingest.testing.Fixtures;
import io.tributary.ingest.testing.JobEventLog;
import io.tributary.ingest.testing.ScriptedUpstream;
import io.tributary.schema.FailureReason;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobEventType;
import io.tributary.schema.JobFailure;
import io.tributary.schema.JobState;
import io.tributary.schema.JobStatus;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/** Background jobs: answered at once, fed from upstream on their own, ended exactly once whatever the upstream does. */
class BackgroundJobIT extends AbstractIngestIT {

    private static final String CONTENT_CHUNK = "data: {\"id\": \"gen-9\", \"choices\": [{\"index\": 0, \"delta\": {\"content\": \"%s\"}, "
            + "\"finish_reason\": null}]}\n\n";

    @Test
    void shouldSendTheBodyUpstreamWithoutTributaryFieldsWithStreamForcedAndTheServersKey() {
        String model = uniqueModel("clean-body");
        UPSTREAM.on(model, ScriptedUpstream.stream(Fixtures.transcript("basic-text")));
        String body = "{\"model\": \"" + model + "\", \"messages\": [{\"role\": \"user\", \"content\": \"Hello\"}], "
                + "\"stream\": false, \"temperature\": 0.5, \"_background\": true, \"_threadId\": \"t\", "
                + "\"_messageId\": \"m\", \"_somethingNew\": 1}";

        byte[] answer = client().post().uri("/api/openrouter/stream")
                .header(HttpHeaders.AUTHORIZATION, bearer("dave"))
                .header("x-or3-openrouter-key", "callers-own-key")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBodyContent();
        awaitEnded(JSON.readTree(answer).path("jobId").asString());

        assertThat(UPSTREAM.requests(model)).singleElement().satisfies(request -> {
            JsonNode sent = request.body();
            assertThat(sent.propertyNames()).containsExactlyInAnyOrder("model", "messages", "stream", "temperature");
            assertThat(sent.get("stream").booleanValue()).isTrue();
            assertThat(sent.get("temperature").asDouble()).isEqualTo(0.5);
            assertThat(sent.get("messages")).isEqualTo(JSON.readTree(body).get("messages"));
            // The caller's key is ignored unless tributary.upstream.allow-client-key is on.
            assertThat(request.authorization()).isEqualTo("Bearer " + SERVER_KEY);
        });
    }

    @Test
    void shouldAnswerWithTheJobIdBeforeTheUpstreamHasFinished() {
        String model = uniqueModel("answer-at-once");
        CountDownLatch release = new CountDownLatch(1);
        UPSTREAM.on(model, ScriptedUpstream.streamInTwoParts(
                bytes(CONTENT_CHUNK.formatted("first")), release,
                bytes(CONTENT_CHUNK.formatted(" second") + "data: [DONE]\n\n")));

        String jobId = startBackground("dave", body(model, background("t", "m")));
        release.countDown();

        List<JobEvent> events = awaitEnded(jobId);
        ExpectedJob.assertWellFormed(events);
        JobState state = ExpectedJob.fold(events);
        assertThat(state.getStatus()).isEqualTo(JobStatus.COMPLETE);
        assertThat(state.getContent()).isEqualTo("first second");
        assertThat(state.getGenerationId()).isEqualTo("gen-9");
    }

    @Test
    void shouldNameEveryEventsTypeAndCloudEventsAttributesInHeadersOfItsRecord() {
        String model = uniqueModel("headers");
        UPSTREAM.on(model, ScriptedUpstream.stream(
                bytes(CONTENT_CHUNK.formatted("one") + CONTENT_CHUNK.formatted(" two") + "data: [DONE]\n\n"), 5, 11));

        String jobId = startBackground("dave", body(model, background("t", "m")));
        awaitEnded(jobId);

        String ingest = " /tributary/ingest";
        assertThat(new JobEventLog(bootstrapServers()).typesAndHeaders(jobId)).containsExactly(
                "STARTED=STARTED " + jobId + ":0 io.tributary.job.started" + ingest,
                "TEXT_DELTA=TEXT_DELTA " + jobId + ":1 io.tributary.job.text_delta" + ingest,
                "TEXT_DELTA=TEXT_DELTA " + jobId + ":2 io.tributary.job.text_delta" + ingest,
                "COMPLETED=COMPLETED " + jobId + ":3 io.tributary.job.completed" + ingest);
    }

    @Test
    void shouldFailTheJobWithTheUpstreamsMessageWhenTheUpstreamRefuses() {
        String model = uniqueModel("refused");
        UPSTREAM.on(model, ScriptedUpstream.status(402, "application/json",
                "{\"error\": {\"code\": 402, \"message\": \"Insufficient credits\"}}"));

        List<JobEvent> events = awaitEnded(startBackground("dave", body(model, background("t", "m"))));

        ExpectedJob.assertWellFormed(events);
        assertThat(events).extracting(JobEvent::getType).containsExactly(JobEventType.STARTED, JobEventType.FAILED);
        JobFailure failure = events.get(1).getFailed();
        assertThat(failure.getReason()).isEqualTo(FailureReason.UPSTREAM_ERROR);
        assertThat(failure.getMessage()).isEqualTo("Insufficient credits");
        assertThat(failure.getCode()).isEqualTo("402");
        assertThat(failure.getHttpStatus()).isEqualTo(402);
    }

    @Test
    void shouldFailTheJobAsUnreachableWhenTheUpstreamHangsUpWithoutAnswer() {
        String model = uniqueModel("hang-up");
        UPSTREAM.on(model, ScriptedUpstream.hangUp());

        List<JobEvent> events = awaitEnded(startBackground("dave", body(model, background("t", "m"))));

        ExpectedJob.assertWellFormed(events);
        assertThat(events.get(events.size() - 1).getFailed().getReason()).isEqualTo(FailureReason.UPSTREAM_UNREACHABLE);
    }

    @Test
    void shouldFailAsDisconnectedAndKeepThePartialContentWhenTheStreamEndsWithoutFinish() {
        String model = uniqueModel("cut-off");
        UPSTREAM.on(model, ScriptedUpstream.stream(
                bytes(": OPENROUTER PROCESSING\n\n" + CONTENT_CHUNK.formatted("half") + CONTENT_CHUNK.formatted(" a") + "data: {\"choi"),
                5, 11));

        List<JobEvent> events = awaitEnded(startBackground("dave", body(model, background("t", "m"))));

        ExpectedJob.assertWellFormed(events);
        JobState state = ExpectedJob.fold(events);
        assertThat(state.getStatus()).isEqualTo(JobStatus.ERROR);
        assertThat(state.getContent()).isEqualTo("half a");
        assertThat(state.getFailure().getReason()).isEqualTo(FailureReason.UPSTREAM_DISCONNECTED);
        assertThat(state.getFailure().getMessage()).isEqualTo("upstream disconnected");
    }

    @Test
    void shouldKeepEachJobsEventsDenseAndInOrderWhenManyRunAtOnce() {
        List<String> fixtures = Fixtures.names();
        List<CompletableFuture<String>> starts = IntStream.range(0, 12)
                .mapToObj(i -> {
                    String fixture = fixtures.get(i % fixtures.size());
                    String model = uniqueModel("parallel-" + fixture);
                    UPSTREAM.on(model, ScriptedUpstream.stream(Fixtures.transcript(fixture), 2, 5, 11));
                    return CompletableFuture.supplyAsync(
                            () -> startBackground("erin", body(model, background("t" + i, "m" + i))));
                })
                .toList();
        List<String> jobIds = starts.stream().map(CompletableFuture::join).toList();

        Map<String, List<JobEvent>> events = awaitAllEnded(jobIds);

        for (int i = 0; i < jobIds.size(); i++) {
            List<JobEvent> ofJob = events.get(jobIds.get(i));
            ExpectedJob.assertWellFormed(ofJob);
            ExpectedJob.assertMatches(ExpectedJob.fold(ofJob), Fixtures.expected(fixtures.get(i % fixtures.size())));
        }
    }

    @Test
    void shouldStopTheUpstreamAndWriteNothingMoreWhenTheLogRefusesAnEvent() throws InterruptedException {
        String model = uniqueModel("log-refuses");
        CountDownLatch upstreamSawDisconnect = new CountDownLatch(1);
        String tooLargeForTheLog = "h".repeat(MAX_REQUEST_BYTES + 10_000);
        UPSTREAM.on(model, ScriptedUpstream.streamUntilClientLeaves(
                bytes(CONTENT_CHUNK.formatted("small") + CONTENT_CHUNK.formatted(tooLargeForTheLog)
                        + CONTENT_CHUNK.formatted("never written")),
                upstreamSawDisconnect));

        String jobId = startBackground("dave", body(model, background("t", "m")));

        assertThat(upstreamSawDisconnect.await(15, TimeUnit.SECONDS)).as("upstream connection closed").isTrue();
        List<JobEvent> events = readFor(jobId, Duration.ofSeconds(1));
        assertThat(events).extracting(JobEvent::getType).containsExactly(JobEventType.STARTED, JobEventType.TEXT_DELTA);
        assertThat(events).extracting(JobEvent::getSeq).containsExactly(0L, 1L);
        assertThat(prometheus()).containsPattern("tributary_ingest_jobs_ended_total\\{mode=\"background\",outcome=\"unrecorded\"[^}]*} [1-9]");
    }

    @Test
    void shouldExposeTheJobMetricsForPrometheus() {
        String model = uniqueModel("metrics");
        UPSTREAM.on(model, ScriptedUpstream.stream(Fixtures.transcript("basic-text")));
        awaitEnded(startBackground("dave", body(model, background("t", "m"))));

        assertThat(prometheus())
                .containsPattern("tributary_ingest_jobs_started_total\\{mode=\"background\"[^}]*} [1-9]")
                .containsPattern("tributary_ingest_jobs_ended_total\\{mode=\"background\",outcome=\"completed\"[^}]*} [1-9]")
                .contains("tributary_ingest_jobs_active")
                .containsPattern("tributary_ingest_produce_latency_seconds_count[^ ]* [1-9]")
                .containsPattern("tributary_ingest_produce_latency_seconds_bucket\\{le=\"0\\.005\"")
                .containsPattern("tributary_ingest_first_token_seconds_count[^ ]* [1-9]");
    }

    private String prometheus() {
        byte[] body = client().get().uri("/actuator/prometheus")
                .exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBodyContent();
        return new String(body, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
