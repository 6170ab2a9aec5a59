package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.ingest.testing.ExpectedJob;
import io.tributary.ingest.testing.Fixtures;
import io.tributary.ingest.testing.ScriptedUpstream;
import io.tributary.schema.FailureReason;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobState;
import io.tributary.schema.JobStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.ResponseEntity;
import reactor.core.publisher.Flux;

/**
 * Jobs whose upstream never ends, sends only comments, or goes silent end FAILED(TIMEOUT) "Job timed
 * out" with their content so far, and their upstream connection is closed (the upstream server sees it).
 */
class TimeoutsIT extends AbstractShortTimeoutsIT {

    private static final Duration SOON = Duration.ofSeconds(5);

    @Autowired
    private MeterRegistry meters;

    @Test
    void shouldEndJobsThatNeverEndAtTheMaximumDurationWhetherTheyStreamContentOrOnlyComments()
            throws InterruptedException {
        String streaming = uniqueModel("never-ends");
        String commenting = uniqueModel("only-comments");
        CountDownLatch streamingClosed = new CountDownLatch(1);
        CountDownLatch commentingClosed = new CountDownLatch(1);
        UPSTREAM.on(streaming, ScriptedUpstream.endless(content("more"), content("more"), 100, streamingClosed));
        UPSTREAM.on(commenting, ScriptedUpstream.endless(content("hello"), bytes(": OPENROUTER PROCESSING\n\n"), 300,
                commentingClosed));
        double before = timeouts("max_duration");

        String streamingJob = startBackground("tim", body(streaming, background("t", "m1")));
        String commentingJob = startBackground("tim", body(commenting, background("t", "m2")));

        Map<String, List<JobEvent>> events = awaitAllEnded(List.of(streamingJob, commentingJob));
        for (List<JobEvent> ofJob : events.values()) {
            assertTimedOut(ofJob);
            // Comments every 300 ms keep an idle timeout of 2 s away: only the maximum duration ends them.
            assertThat(ranFor(ofJob)).isBetween(MAX_DURATION.minusMillis(100), MAX_DURATION.plusSeconds(2));
        }
        assertThat(ExpectedJob.fold(events.get(streamingJob)).getContent()).startsWith("moremore");
        assertThat(ExpectedJob.fold(events.get(commentingJob)).getContent()).isEqualTo("hello");
        assertThat(streamingClosed.await(SOON.toMillis(), TimeUnit.MILLISECONDS)).as("upstream closed").isTrue();
        assertThat(commentingClosed.await(SOON.toMillis(), TimeUnit.MILLISECONDS)).as("upstream closed").isTrue();
        assertThat(timeouts("max_duration")).isEqualTo(before + 2);
    }

    @Test
    void shouldEndAJobWhoseUpstreamSendsOneEndlessLineAtTheMaximumDurationWhileAHealthyJobCompletes()
            throws InterruptedException {
        String endless = uniqueModel("endless-line");
        String healthy = uniqueModel("healthy-beside-endless-line");
        CountDownLatch endlessClosed = new CountDownLatch(1);
        // 80 KB every 10 ms: megabytes of one line without an end, far past the 512 KB line cap.
        byte[] noLineEnd = "x".repeat(80 * 1024).getBytes(StandardCharsets.UTF_8);
        UPSTREAM.on(endless, ScriptedUpstream.endless(concat(content("kept"), bytes("data: ")), noLineEnd, 10,
                endlessClosed));
        UPSTREAM.on(healthy, ScriptedUpstream.stream(Fixtures.transcript("basic-text"), 3, 7));

        String endlessJob = startBackground("tim", body(endless, background("t", "m1")));
        String healthyJob = startBackground("tim", body(healthy, background("t", "m2")));

        Map<String, List<JobEvent>> events = awaitAllEnded(List.of(endlessJob, healthyJob));
        assertTimedOut(events.get(endlessJob));
        assertThat(ExpectedJob.fold(events.get(endlessJob)).getContent()).isEqualTo("kept");
        assertThat(ranFor(events.get(endlessJob))).isBetween(MAX_DURATION.minusMillis(100), MAX_DURATION.plusSeconds(2));
        assertThat(endlessClosed.await(SOON.toMillis(), TimeUnit.MILLISECONDS)).as("upstream closed").isTrue();
        ExpectedJob.assertWellFormed(events.get(healthyJob));
        ExpectedJob.assertMatches(ExpectedJob.fold(events.get(healthyJob)), Fixtures.expected("basic-text"));
    }

    @Test
    void shouldEndAJobWhoseUpstreamWentSilentAfterTheIdleTimeoutKeepingItsContent() throws InterruptedException {
        String model = uniqueModel("goes-silent");
        CountDownLatch speakAgain = new CountDownLatch(1);
        CountDownLatch upstreamClosed = new CountDownLatch(1);
        UPSTREAM.on(model, ScriptedUpstream.silentAfter(content("partial"), speakAgain, upstreamClosed));
        double before = timeouts("idle");

        List<JobEvent> events = awaitEnded(startBackground("tim", body(model, background("t", "m"))));

        assertTimedOut(events);
        assertThat(ranFor(events)).isBetween(IDLE_TIMEOUT.minusMillis(100), MAX_DURATION.minusMillis(500));
        assertThat(ExpectedJob.fold(events).getContent()).isEqualTo("partial");
        speakAgain.countDown();
        assertThat(upstreamClosed.await(SOON.toMillis(), TimeUnit.MILLISECONDS)).as("upstream closed").isTrue();
        assertThat(timeouts("idle")).isEqualTo(before + 1);
    }

    @Test
    void shouldEndAForegroundCallersStreamWhenItsJobTimesOut() throws InterruptedException {
        String model = uniqueModel("foreground-silent");
        CountDownLatch speakAgain = new CountDownLatch(1);
        CountDownLatch upstreamClosed = new CountDownLatch(1);
        UPSTREAM.on(model, ScriptedUpstream.silentAfter(content("partial"), speakAgain, upstreamClosed));

        ResponseEntity<Flux<DataBuffer>> response = openForeground("tim", body(model, ""));
        assertThat(response).isNotNull();
        String received = response.getBody()
                .map(buffer -> {
                    String text = buffer.toString(StandardCharsets.UTF_8);
                    DataBufferUtils.release(buffer);
                    return text;
                })
                .reduce("", String::concat)
                .block(MAX_DURATION);

        assertThat(received).isEqualTo(new String(content("partial"), StandardCharsets.UTF_8));
        List<JobEvent> events = awaitEnded(response.getHeaders().getFirst("X-Tributary-Job-Id"));
        assertTimedOut(events);
        speakAgain.countDown();
        assertThat(upstreamClosed.await(SOON.toMillis(), TimeUnit.MILLISECONDS)).as("upstream closed").isTrue();
    }

    private static void assertTimedOut(List<JobEvent> events) {
        ExpectedJob.assertWellFormed(events);
        JobState state = ExpectedJob.fold(events);
        assertThat(state.getStatus()).isEqualTo(JobStatus.ERROR);
        assertThat(state.getFailure().getReason()).isEqualTo(FailureReason.TIMEOUT);
        assertThat(state.getFailure().getMessage()).isEqualTo("Job timed out");
    }

    private static Duration ranFor(List<JobEvent> events) {
        return Duration.between(events.get(0).getTimestamp(), events.get(events.size() - 1).getTimestamp());
    }

    private double timeouts(String kind) {
        var counter = meters.find("tributary.ingest.jobs.timeouts").tag("kind", kind).counter();
        return counter == null ? 0 : counter.count();
    }

    private static byte[] content(String text) {
        return bytes("data: {\"choices\":[{\"delta\":{\"content\":\"" + text + "\"}}]}\n\n");
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
