package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.tributary.ingest.testing.ExpectedJob;
import io.tributary.ingest.testing.Fixtures;
import io.tributary.ingest.testing.ScriptedUpstream;
import io.tributary.schema.FailureReason;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobFailure;
import io.tributary.schema.JobMode;
import io.tributary.schema.JobState;
import io.tributary.schema.JobStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/** Without {@code _background} the caller gets the upstream's answer exactly, and the job is recorded all the same. */
class ForegroundProxyIT extends AbstractIngestIT {

    private static final String JOB_ID_HEADER = "X-Tributary-Job-Id";

    static List<String> fixtureNames() {
        return Fixtures.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtureNames")
    void shouldRelayTheUpstreamBytesUnchangedAndRecordTheJob(String fixture) {
        String model = uniqueModel("foreground-" + fixture);
        byte[] transcript = Fixtures.transcript(fixture);
        UPSTREAM.on(model, ScriptedUpstream.stream(transcript, 1, 3, 7, 13));

        EntityExchangeResult<byte[]> result = post("bob", body(model, "\"_background\": false, \"_threadId\": \"t-1\""))
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.CONTENT_TYPE, "text/event-stream")
                .expectBody().returnResult();

        assertThat(result.getResponseBodyContent()).isEqualTo(transcript);
        List<JobEvent> events = awaitEnded(result.getResponseHeaders().getFirst(JOB_ID_HEADER));
        ExpectedJob.assertWellFormed(events);
        ExpectedJob.assertMatches(ExpectedJob.fold(events), Fixtures.expected(fixture));
        assertThat(events.get(0).getStarted().getMode()).isEqualTo(JobMode.FOREGROUND);
        assertThat(events.get(0).getStarted().getUserId()).isEqualTo("bob");
        assertThat(events.get(0).getStarted().getThreadId()).isEqualTo("t-1");
    }

    @Test
    void shouldPassAnUpstreamRefusalThroughWithItsBodyCutTo2000Characters() {
        String model = uniqueModel("refused");
        String body = "{\"error\": {\"code\": 429, \"message\": \"Rate limit exceeded\", \"metadata\": {\"raw\": \""
                + "r".repeat(5000) + "\"}}}";
        UPSTREAM.on(model, ScriptedUpstream.status(429, "application/json", body));

        EntityExchangeResult<byte[]> result = post("bob", body(model, ""))
                .expectStatus().isEqualTo(429)
                .expectHeader().valueEquals(HttpHeaders.CONTENT_TYPE, "application/json")
                .expectBody().returnResult();

        assertThat(new String(result.getResponseBodyContent(), StandardCharsets.UTF_8)).isEqualTo(body.substring(0, 2000));
        List<JobEvent> events = awaitEnded(result.getResponseHeaders().getFirst(JOB_ID_HEADER));
        ExpectedJob.assertWellFormed(events);
        JobFailure failure = events.get(events.size() - 1).getFailed();
        assertThat(failure.getReason()).isEqualTo(FailureReason.UPSTREAM_ERROR);
        assertThat(failure.getMessage()).isEqualTo("Rate limit exceeded");
        assertThat(failure.getCode()).isEqualTo("429");
        assertThat(failure.getHttpStatus()).isEqualTo(429);
    }

    @Test
    void shouldPassAServerErrorWithoutJsonThroughAndKeepItsCutBodyAsTheMessage() {
        String model = uniqueModel("server-error");
        String body = "<html>" + "e".repeat(3000) + "</html>";
        UPSTREAM.on(model, ScriptedUpstream.status(503, "text/html", body));

        EntityExchangeResult<byte[]> result = post("bob", body(model, ""))
                .expectStatus().isEqualTo(503)
                .expectBody().returnResult();

        assertThat(new String(result.getResponseBodyContent(), StandardCharsets.UTF_8)).isEqualTo(body.substring(0, 2000));
        List<JobEvent> events = awaitEnded(result.getResponseHeaders().getFirst(JOB_ID_HEADER));
        assertThat(events.get(events.size() - 1).getFailed().getMessage()).isEqualTo(body.substring(0, 2000));
    }

    @Test
    void shouldAnswer502AndFailTheJobWhenTheUpstreamGivesNoAnswer() {
        String model = uniqueModel("hang-up");
        UPSTREAM.on(model, ScriptedUpstream.hangUp());

        EntityExchangeResult<byte[]> result = post("bob", body(model, ""))
                .expectStatus().isEqualTo(502)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody().jsonPath("$.error").isEqualTo("The upstream is unreachable")
                .returnResult();

        List<JobEvent> events = awaitEnded(result.getResponseHeaders().getFirst(JOB_ID_HEADER));
        ExpectedJob.assertWellFormed(events);
        assertThat(events.get(events.size() - 1).getFailed().getReason()).isEqualTo(FailureReason.UPSTREAM_UNREACHABLE);
    }

    @Test
    void shouldAbortTheJobAndCloseTheUpstreamWhenTheCallerGoesAway() throws InterruptedException {
        String model = uniqueModel("caller-leaves");
        CountDownLatch upstreamSawDisconnect = new CountDownLatch(1);
        UPSTREAM.on(model, ScriptedUpstream.streamUntilClientLeaves(
                "data: {\"choices\":[{\"delta\":{\"content\":\"partial\"}}]}\n\n".getBytes(StandardCharsets.UTF_8),
                upstreamSawDisconnect));

        ResponseEntity<Flux<DataBuffer>> response = WebClient.create(baseUrl()).post()
                .uri("/api/openrouter/stream")
                .header(HttpHeaders.AUTHORIZATION, bearer("bob"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body(model, ""))
                .retrieve()
                .toEntityFlux(DataBuffer.class)
                .block(Duration.ofSeconds(10));
        assertThat(response).isNotNull();
        // Read until the first whole event has arrived, then hang up (blockFirst cancels the body).
        String firstEvent = response.getBody()
                .map(buffer -> {
                    String text = buffer.toString(StandardCharsets.UTF_8);
                    DataBufferUtils.release(buffer);
                    return text;
                })
                .scan(String::concat)
                .filter(text -> text.contains("\n\n"))
                .blockFirst(Duration.ofSeconds(10));
        assertThat(firstEvent).contains("partial");

        assertThat(upstreamSawDisconnect.await(10, TimeUnit.SECONDS)).as("upstream connection closed").isTrue();
        List<JobEvent> events = awaitEnded(response.getHeaders().getFirst(JOB_ID_HEADER));
        ExpectedJob.assertWellFormed(events);
        JobState state = ExpectedJob.fold(events);
        assertThat(state.getStatus()).isEqualTo(JobStatus.ABORTED);
        assertThat(state.getAbortReason()).isEqualTo("client disconnected");
        assertThat(state.getContent()).isEqualTo("partial");
    }

    private WebTestClient.ResponseSpec post(String userId, String body) {
        return client().post().uri("/api/openrouter/stream")
                .header(HttpHeaders.AUTHORIZATION, bearer(userId))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }
}
