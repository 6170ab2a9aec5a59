package io.tributary.ingest.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.ingest.sse.SseLimits;
import io.tributary.ingest.testing.MutableClock;
import io.tributary.schema.FailureReason;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobEventType;
import io.tributary.schema.JobMode;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;

/** The sweep against a clock the test moves: which job times out, when, and as what. */
class JobTimeoutsTest {

    private static final Duration MAX_DURATION = Duration.ofMinutes(5);
    private static final Duration IDLE = Duration.ofSeconds(60);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final RecordingPublisher publisher = new RecordingPublisher();
    private final JobRegistry registry = new JobRegistry();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final IngestJob.JobParts parts = new IngestJob.JobParts(publisher, registry,
            new JobMetrics(meters, registry), 100_000, new SseLimits(1024, 1024), clock,
            InstanceLiveness.always("ingest-test"));
    private final JobTimeouts timeouts = new JobTimeouts(registry, clock, MAX_DURATION, IDLE, Duration.ofSeconds(1),
            Schedulers.immediate());

    @Test
    void shouldTimeOutAJobThatHeardNothingForTheIdleTimeout() {
        IngestJob job = start("silent");
        job.onUpstreamBytes(content("partial"));

        clock.advance(IDLE.minusMillis(1));
        assertThat(timeouts.sweep()).isZero();
        clock.advance(Duration.ofMillis(1));
        assertThat(timeouts.sweep()).isEqualTo(1);

        assertTimedOut("silent");
        assertThat(job.stopped().block(Duration.ofSeconds(1))).isTrue();
        assertThat(meters.counter("tributary.ingest.jobs.timeouts", "kind", "idle").count()).isEqualTo(1.0);
    }

    @Test
    void shouldCountCommentsAsSignsOfLifeButStillEndTheJobAtItsMaximumDuration() {
        start("comments-only");

        for (Duration elapsed = Duration.ZERO; elapsed.compareTo(MAX_DURATION) < 0; elapsed = elapsed.plusSeconds(30)) {
            assertThat(timeouts.sweep()).as("at %s", elapsed).isZero();
            clock.advance(Duration.ofSeconds(30));
            registry.find("comments-only").orElseThrow().onUpstreamBytes(bytes(": OPENROUTER PROCESSING\n\n"));
        }
        assertThat(timeouts.sweep()).isEqualTo(1);

        assertTimedOut("comments-only");
        assertThat(meters.counter("tributary.ingest.jobs.timeouts", "kind", "max_duration").count()).isEqualTo(1.0);
        assertThat(meters.find("tributary.ingest.jobs.timeouts").tag("kind", "idle").counter()).isNull();
    }

    @Test
    void shouldTimeOutAJobThatNeverHeardAnythingAfterTheIdleTimeout() {
        start("no-answer");

        clock.advance(IDLE);

        assertThat(timeouts.sweep()).isEqualTo(1);
        assertTimedOut("no-answer");
    }

    @Test
    void shouldLeaveOtherJobsRunning() {
        start("old");
        clock.advance(Duration.ofSeconds(40));
        IngestJob young = start("young");
        clock.advance(Duration.ofSeconds(20));

        assertThat(timeouts.sweep()).isEqualTo(1);

        assertThat(registry.running()).containsExactly(young);
        assertThat(eventsOf("young")).extracting(JobEvent::getType).containsExactly(JobEventType.STARTED);
    }

    private IngestJob start(String jobId) {
        IngestJob job = new IngestJob(jobId, new JobSpec("user", "t", "m", null, JobMode.BACKGROUND), "ingest-test",
                parts);
        registry.add(job);
        job.writeStarted();
        return job;
    }

    private void assertTimedOut(String jobId) {
        List<JobEvent> events = eventsOf(jobId);
        JobEvent last = events.get(events.size() - 1);
        assertThat(last.getType()).isEqualTo(JobEventType.FAILED);
        assertThat(last.getFailed().getReason()).isEqualTo(FailureReason.TIMEOUT);
        assertThat(last.getFailed().getMessage()).isEqualTo("Job timed out");
        assertThat(registry.find(jobId)).isEmpty();
    }

    private List<JobEvent> eventsOf(String jobId) {
        return publisher.events.stream().filter(event -> event.getJobId().equals(jobId)).toList();
    }

    private static byte[] content(String text) {
        return bytes("data: {\"choices\":[{\"delta\":{\"content\":\"" + text + "\"}}]}\n\n");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
