package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.ingest.testing.ControlCommands;
import io.tributary.ingest.testing.ExpectedJob;
import io.tributary.ingest.testing.Fixtures;
import io.tributary.ingest.testing.ScriptedUpstream;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * The admission limits through the real endpoint, with small limits of their own: refusals are 429
 * (per user) or 503 (instance full) with {@code Retry-After} and a JSON error, foreground jobs count,
 * and a job's place comes back as soon as it ends.
 */
@TestPropertySource(properties = {
        "tributary.ingest.instance-id=ingest-limits-it",
        "tributary.ingest.limits.concurrent-jobs-per-user=2",
        "tributary.ingest.limits.concurrent-jobs-per-instance=3",
        "tributary.ingest.limits.starts-per-user-per-minute=4",
        "tributary.ingest.limits.busy-retry-after=3s",
})
class LimitsIT extends AbstractIngestIT {

    private static final Duration SOON = Duration.ofSeconds(5);

    @Autowired
    private MeterRegistry meters;

    private ControlCommands commands;
    private final List<String> running = new ArrayList<>();

    @BeforeEach
    void openCommands() {
        commands = new ControlCommands(bootstrapServers());
    }

    /** Leaves the instance empty for the next test: every job still running is aborted and awaited. */
    @AfterEach
    void endRunningJobs() {
        running.forEach(jobId -> commands.abort(jobId, "test over"));
        awaitAllEnded(running);
        commands.close();
    }

    @Test
    void shouldRefuseAUsersJobOverItsLimitWith429AndAcceptItOnceOneOfItsJobsEnded() {
        String first = startHanging("lim-ann");
        startHanging("lim-ann");

        post("lim-ann", hangingModel())
                .expectStatus().isEqualTo(429)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "3")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody().jsonPath("$.error").isEqualTo("Too many running jobs: at most 2 at once");
        assertThat(meters.counter("tributary.ingest.jobs.refused", "kind", "user_concurrency").count()).isEqualTo(1.0);

        commands.abort(first, "make room");
        running.remove(first);
        awaitEnded(first);

        startHanging("lim-ann");
    }

    @Test
    void shouldAnswer503ServerBusyWhenTheInstanceIsFullCountingForegroundJobsAndFreeThePlaceOfACallerWhoLeft()
            throws InterruptedException {
        startHanging("lim-ben");
        startHanging("lim-cid");
        CountDownLatch foregroundUpstreamClosed = new CountDownLatch(1);
        String model = uniqueModel("foreground-holds-a-place");
        UPSTREAM.on(model, ScriptedUpstream.endless(content("x"), comment(), 50, foregroundUpstreamClosed));
        ResponseEntity<Flux<DataBuffer>> foreground = openForeground("lim-dee", body(model, ""));
        assertThat(foreground).isNotNull();
        Disposable reading = foreground.getBody().subscribe(DataBufferUtils::release);

        post("lim-eve", hangingModel())
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "3")
                .expectBody().jsonPath("$.error").isEqualTo("Server busy, try again later");
        assertThat(meters.counter("tributary.ingest.jobs.refused", "kind", "instance_capacity").count()).isEqualTo(1.0);

        reading.dispose();
        assertThat(foregroundUpstreamClosed.await(SOON.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        List<JobEvent> foregroundJob = awaitEnded(foreground.getHeaders().getFirst("X-Tributary-Job-Id"));
        assertThat(ExpectedJob.fold(foregroundJob).getStatus()).isEqualTo(JobStatus.ABORTED);

        startHanging("lim-eve");
    }

    @Test
    void shouldRefuseTheStartsOfAUserOverItsRatePerMinuteWith429SayingWhenToComeBack() {
        for (int i = 0; i < 4; i++) {
            String model = uniqueModel("rate-" + i);
            UPSTREAM.on(model, ScriptedUpstream.stream(Fixtures.transcript("basic-text")));
            // One after the other, so that the concurrency limit never speaks first.
            awaitEnded(startBackground("lim-fay", body(model, background("t", "m" + i))));
        }

        byte[] refused = post("lim-fay", hangingModel())
                .expectStatus().isEqualTo(429)
                .expectBody().jsonPath("$.error").isEqualTo("Too many jobs started: at most 4 per minute")
                .returnResult().getResponseBodyContent();
        assertThat(refused).isNotNull();

        long retryAfter = Long.parseLong(client().post().uri("/api/openrouter/stream")
                .header(HttpHeaders.AUTHORIZATION, bearer("lim-fay"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body(hangingModel(), background("t", "m")))
                .exchange()
                .expectStatus().isEqualTo(429)
                .returnResult(String.class).getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER));
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(meters.counter("tributary.ingest.jobs.refused", "kind", "user_rate").count()).isEqualTo(2.0);
        // Another user is not held back by this one's rate.
        startHanging("lim-gus");
    }

    /** Starts a background job whose upstream streams until it is cancelled; it is aborted after the test. */
    private String startHanging(String user) {
        String jobId = startBackground(user, body(hangingModel(), background("t", "m")));
        running.add(jobId);
        return jobId;
    }

    private String hangingModel() {
        String model = uniqueModel("hanging");
        UPSTREAM.on(model, ScriptedUpstream.endless(content("x"), comment(), 50, new CountDownLatch(1)));
        return model;
    }

    private WebTestClient.ResponseSpec post(String user, String model) {
        return client().post().uri("/api/openrouter/stream")
                .header(HttpHeaders.AUTHORIZATION, bearer(user))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body(model, background("t", "m")))
                .exchange();
    }

    private static byte[] content(String text) {
        return ("data: {\"choices\":[{\"delta\":{\"content\":\"" + text + "\"}}]}\n\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] comment() {
        return ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);
    }
}
