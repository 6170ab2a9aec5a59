package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.ingest.testing.ExpectedJob;
import io.tributary.ingest.testing.Fixtures;
import io.tributary.ingest.testing.ScriptedUpstream;
import io.tributary.schema.FailureReason;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobEventType;
import io.tributary.schema.JobFailure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * An upstream that refuses before streaming is asked again where another try may work (no
 * connection, 429, 502, 503), honouring its {@code Retry-After}; the job then streams once, as if the
 * refusal never happened. Other refusals are reported at once.
 */
class UpstreamRetryIT extends AbstractShortTimeoutsIT {

    @Autowired
    private MeterRegistry meters;

    @Test
    void shouldSendTheRequestAgainAfterTheRetryAfterOfA429AndStreamTheAnswerOnce() {
        String model = uniqueModel("429-then-ok");
        UPSTREAM.on(model, ScriptedUpstream.inTurn(ScriptedUpstream.refusal(429, "1"),
                ScriptedUpstream.stream(Fixtures.transcript("basic-text"))));
        double before = retries("429");

        List<JobEvent> events = awaitEnded(startBackground("rita", body(model, background("t", "m"))));

        ExpectedJob.assertWellFormed(events);
        ExpectedJob.assertMatches(ExpectedJob.fold(events), Fixtures.expected("basic-text"));
        assertThat(events).filteredOn(event -> event.getType() == JobEventType.STARTED).hasSize(1);
        List<ScriptedUpstream.RecordedRequest> requests = UPSTREAM.requests(model);
        assertThat(requests).hasSize(2);
        assertThat(Duration.ofNanos(requests.get(1).receivedNanos() - requests.get(0).receivedNanos()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(requests.get(1).body()).isEqualTo(requests.get(0).body());
        assertThat(retries("429")).isEqualTo(before + 1);
    }

    @Test
    void shouldBackOffAndRetry503And502WithoutRetryAfter() {
        String model = uniqueModel("503-502-then-ok");
        UPSTREAM.on(model, ScriptedUpstream.inTurn(
                ScriptedUpstream.status(503, "text/html", "<html>unavailable</html>"),
                ScriptedUpstream.status(502, "text/html", "<html>bad gateway</html>"),
                ScriptedUpstream.stream(Fixtures.transcript("basic-text"))));

        List<JobEvent> events = awaitEnded(startBackground("rita", body(model, background("t", "m"))));

        ExpectedJob.assertMatches(ExpectedJob.fold(events), Fixtures.expected("basic-text"));
        List<ScriptedUpstream.RecordedRequest> requests = UPSTREAM.requests(model);
        assertThat(requests).hasSize(3);
        // 200 ms, then 400 ms: the backoff doubles.
        assertThat(Duration.ofNanos(requests.get(1).receivedNanos() - requests.get(0).receivedNanos()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(Duration.ofNanos(requests.get(2).receivedNanos() - requests.get(1).receivedNanos()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void shouldNotRetryA500() {
        String model = uniqueModel("500");
        UPSTREAM.on(model, ScriptedUpstream.inTurn(
                ScriptedUpstream.status(500, "application/json", "{\"error\": {\"code\": 500, \"message\": \"Internal\"}}"),
                ScriptedUpstream.stream(Fixtures.transcript("basic-text"))));

        List<JobEvent> events = awaitEnded(startBackground("rita", body(model, background("t", "m"))));

        JobFailure failure = events.get(events.size() - 1).getFailed();
        assertThat(failure.getReason()).isEqualTo(FailureReason.UPSTREAM_ERROR);
        assertThat(failure.getHttpStatus()).isEqualTo(500);
        assertThat(UPSTREAM.requests(model)).hasSize(1);
    }

    @Test
    void shouldReportA429AtOnceWhenItAsksForLongerThanTheRetryAfterCap() {
        String model = uniqueModel("429-for-an-hour");
        UPSTREAM.on(model, ScriptedUpstream.inTurn(ScriptedUpstream.refusal(429, "3600"),
                ScriptedUpstream.stream(Fixtures.transcript("basic-text"))));

        List<JobEvent> events = awaitEnded(startBackground("rita", body(model, background("t", "m"))));

        assertThat(events.get(events.size() - 1).getFailed().getHttpStatus()).isEqualTo(429);
        assertThat(UPSTREAM.requests(model)).hasSize(1);
    }

    @Test
    void shouldRetryWhileTheUpstreamRefusesConnectionsAndStreamOnceItListensAgain() {
        String model = uniqueModel("refused-then-ok");
        UPSTREAM.on(model, ScriptedUpstream.stream(Fixtures.transcript("basic-text")));
        double before = retries("connect");
        String jobId;
        UPSTREAM.stopListening();
        try {
            jobId = startBackground("rita", body(model, background("t", "m")));
            await().atMost(Duration.ofSeconds(5)).until(() -> retries("connect") > before);
        } finally {
            UPSTREAM.resumeListening();
        }

        List<JobEvent> events = awaitEnded(jobId);

        ExpectedJob.assertWellFormed(events);
        ExpectedJob.assertMatches(ExpectedJob.fold(events), Fixtures.expected("basic-text"));
        assertThat(UPSTREAM.requests(model)).hasSize(1);
    }

    @Test
    void shouldRetryForAForegroundCallerBeforeAnythingWasSentAndRelayTheAnswerUnchanged() {
        String model = uniqueModel("foreground-503-then-ok");
        byte[] transcript = Fixtures.transcript("crlf-and-comments");
        UPSTREAM.on(model, ScriptedUpstream.inTurn(ScriptedUpstream.refusal(503, "0"),
                ScriptedUpstream.stream(transcript, 1, 5)));

        EntityExchangeResult<byte[]> result = client().post().uri("/api/openrouter/stream")
                .header(HttpHeaders.AUTHORIZATION, bearer("rita"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body(model, ""))
                .exchange()
                .expectStatus().isOk()
                .expectBody().returnResult();

        assertThat(result.getResponseBodyContent()).isEqualTo(transcript);
        assertThat(UPSTREAM.requests(model)).hasSize(2);
        List<JobEvent> events = awaitEnded(result.getResponseHeaders().getFirst("X-Tributary-Job-Id"));
        ExpectedJob.assertMatches(ExpectedJob.fold(events), Fixtures.expected("crlf-and-comments"));
    }

    @Test
    void shouldPassAForegroundRefusalThroughWithItsRetryAfterWhenNotRetrying() {
        String model = uniqueModel("foreground-429-for-an-hour");
        UPSTREAM.on(model, ScriptedUpstream.refusal(429, "3600"));

        client().post().uri("/api/openrouter/stream")
                .header(HttpHeaders.AUTHORIZATION, bearer("rita"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body(model, ""))
                .exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "3600")
                .expectBody().jsonPath("$.error.message").isEqualTo("Try later");
        assertThat(UPSTREAM.requests(model)).hasSize(1);
    }

    private double retries(String cause) {
        var counter = meters.find("tributary.ingest.upstream.retries").tag("cause", cause).counter();
        return counter == null ? 0 : counter.count();
    }
}
