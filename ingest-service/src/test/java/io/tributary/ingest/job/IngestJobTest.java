package io.tributary.ingest.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.ingest.sse.SseLimits;
import io.tributary.ingest.testing.ExpectedJob;
import io.tributary.ingest.testing.Fixtures;
import io.tributary.ingest.upstream.UpstreamResponse;
import io.tributary.ingest.upstream.UpstreamUnreachableException;
import io.tributary.schema.FailureReason;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobEventType;
import io.tributary.schema.JobMode;
import io.tributary.schema.JobState;
import io.tributary.schema.JobStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A job fed by hand, without HTTP or Kafka: what the events are, when the upstream stops, what is counted. */
class IngestJobTest {

    private final RecordingPublisher publisher = new RecordingPublisher();
    private final JobRegistry registry = new JobRegistry();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final IngestJob.JobParts parts = new IngestJob.JobParts(publisher, registry,
            new JobMetrics(meters, registry), 100_000, new SseLimits(4096, 4096), Clock.systemUTC(),
            InstanceLiveness.always("ingest-test"));

    static List<String> fixtureNames() {
        return Fixtures.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtureNames")
    void shouldFoldEveryTranscriptToItsExpectedJob(String fixture) {
        IngestJob job = start(JobMode.BACKGROUND);
        byte[] transcript = Fixtures.transcript(fixture);

        for (int at = 0; at < transcript.length; at += 5) {
            job.onUpstreamBytes(Arrays.copyOfRange(transcript, at, Math.min(transcript.length, at + 5)));
        }
        job.onUpstreamEnd();

        ExpectedJob.assertWellFormed(publisher.events);
        ExpectedJob.assertMatches(ExpectedJob.fold(publisher.events), Fixtures.expected(fixture));
        assertThat(job.hasEnded()).isTrue();
        assertThat(registry.size()).isZero();
    }

    @Test
    void shouldWriteTheStartedEventWithWhoAndWhereFrom() {
        start(JobMode.BACKGROUND);

        JobEvent started = publisher.events.get(0);
        assertThat(started.getSeq()).isZero();
        assertThat(started.getStarted().getUserId()).isEqualTo("user-1");
        assertThat(started.getStarted().getThreadId()).isEqualTo("thread-1");
        assertThat(started.getStarted().getMessageId()).isEqualTo("message-1");
        assertThat(started.getStarted().getModel()).isEqualTo("openai/gpt-4o-mini");
        assertThat(started.getStarted().getMode()).isEqualTo(JobMode.BACKGROUND);
        assertThat(started.getStarted().getIngestInstanceId()).isEqualTo("ingest-test");
    }

    @Test
    void shouldStopTheUpstreamOfABackgroundJobOnceItsStreamEndedIt() {
        IngestJob job = start(JobMode.BACKGROUND);

        job.onUpstreamBytes(bytes("data: {\"choices\":[{\"delta\":{\"content\":\"hi\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n"));

        assertThat(job.stopped().block(Duration.ofSeconds(1))).isTrue();
        assertThat(types()).containsExactly(JobEventType.STARTED, JobEventType.TEXT_DELTA, JobEventType.COMPLETED);
    }

    @Test
    void shouldLetAForegroundStreamRunToItsNaturalEndAfterDone() {
        IngestJob job = start(JobMode.FOREGROUND);

        job.onUpstreamBytes(bytes("data: [DONE]\n\n"));
        job.onUpstreamBytes(bytes(": trailing bytes still reach the caller\n\n"));
        job.onUpstreamEnd();

        assertThat(job.stopped().toFuture()).isNotDone();
        assertThat(types()).containsExactly(JobEventType.STARTED, JobEventType.COMPLETED);
    }

    @Test
    void shouldAbortOnceAndStopTheUpstreamWhateverComesAfter() {
        IngestJob job = start(JobMode.BACKGROUND);
        job.onUpstreamBytes(bytes("data: {\"choices\":[{\"delta\":{\"content\":\"partial\"}}]}\n\n"));

        assertThat(job.abort(AbortSource.COMMAND, "user")).isTrue();
        assertThat(job.abort(AbortSource.COMMAND, "again")).isFalse();
        job.onUpstreamBytes(bytes("data: {\"choices\":[{\"delta\":{\"content\":\"late\"}}]}\n\ndata: [DONE]\n\n"));
        job.onUpstreamEnd();

        assertThat(job.stopped().block(Duration.ofSeconds(1))).isTrue();
        JobState state = ExpectedJob.fold(publisher.events);
        ExpectedJob.assertWellFormed(publisher.events);
        assertThat(state.getStatus()).isEqualTo(JobStatus.ABORTED);
        assertThat(state.getAbortReason()).isEqualTo("user");
        assertThat(state.getContent()).isEqualTo("partial");
        assertThat(meters.counter("tributary.ingest.jobs.ended", "outcome", "aborted", "mode", "background").count())
                .isEqualTo(1.0);
    }

    @Test
    void shouldFailWithTheUpstreamsMessageWhenTheUpstreamRefuses() {
        IngestJob job = start(JobMode.BACKGROUND);

        job.onUpstreamRejected(new UpstreamResponse.Rejected(429, "application/json", "{...}", "Rate limit exceeded", "429", null));
        job.onUpstreamEnd();

        JobEvent failed = publisher.events.get(publisher.events.size() - 1);
        assertThat(failed.getFailed().getReason()).isEqualTo(FailureReason.UPSTREAM_ERROR);
        assertThat(failed.getFailed().getMessage()).isEqualTo("Rate limit exceeded");
        assertThat(failed.getFailed().getCode()).isEqualTo("429");
        assertThat(failed.getFailed().getHttpStatus()).isEqualTo(429);
        ExpectedJob.assertWellFormed(publisher.events);
    }

    @Test
    void shouldFailAsUnreachableWhenNoAnswerCame() {
        IngestJob job = start(JobMode.BACKGROUND);

        job.onUpstreamError(new UpstreamUnreachableException("refused", new RuntimeException("Connection refused")));

        assertThat(publisher.events.get(1).getFailed().getReason()).isEqualTo(FailureReason.UPSTREAM_UNREACHABLE);
        ExpectedJob.assertWellFormed(publisher.events);
    }

    @Test
    void shouldCompleteWhenTheBodyBreaksOffAfterAFinishReason() {
        IngestJob job = start(JobMode.BACKGROUND);
        job.onUpstreamBytes(bytes("data: {\"choices\":[{\"delta\":{\"content\":\"x\"},\"finish_reason\":\"stop\"}]}\n\n"));

        job.onUpstreamError(new IllegalStateException("Connection reset"));

        assertThat(publisher.events.get(publisher.events.size() - 1).getType()).isEqualTo(JobEventType.COMPLETED);
    }

    @Test
    void shouldTimeEachUpstreamEventToTheLogAndTheJobsFirstToken() {
        IngestJob job = start(JobMode.BACKGROUND);

        job.onUpstreamBytes(bytes(contentChunk("a") + contentChunk("b")));
        job.onUpstreamBytes(bytes(contentChunk("c") + "data: [DONE]\n\n"));

        // Every event but STARTED came from upstream bytes; the first token is timed once per job.
        Timer produced = meters.get("tributary.ingest.produce.latency").timer();
        assertThat(produced.count()).isEqualTo(publisher.events.size() - 1L).isEqualTo(4L);
        assertThat(produced.totalTime(TimeUnit.NANOSECONDS)).isPositive();
        Timer firstToken = meters.get("tributary.ingest.first.token").timer();
        assertThat(firstToken.count()).isEqualTo(1L);
        assertThat(firstToken.totalTime(TimeUnit.NANOSECONDS)).isPositive();
    }

    @Test
    void shouldCountSkippedChunksWithoutFailingTheJob() {
        IngestJob job = start(JobMode.BACKGROUND);

        job.onUpstreamBytes(bytes("data: {oops\n\ndata: [1,2]\n\ndata: " + "z".repeat(5000) + "\n\n"));
        job.onUpstreamBytes(bytes("data: {\"choices\":[{\"delta\":{\"content\":\"ok\"}}]}\n\ndata: [DONE]\n\n"));

        assertThat(ExpectedJob.fold(publisher.events).getContent()).isEqualTo("ok");
        assertThat(meters.counter("tributary.ingest.chunks.skipped", "cause", "invalid_json").count()).isEqualTo(1.0);
        assertThat(meters.counter("tributary.ingest.chunks.skipped", "cause", "unexpected_shape").count()).isEqualTo(1.0);
        assertThat(meters.counter("tributary.ingest.chunks.skipped", "cause", "oversized_event").count()).isEqualTo(1.0);
    }

    @Test
    void shouldStopAndLeaveTheRegistryWhenTheLogRefusesAnEvent() {
        IngestJob job = start(JobMode.BACKGROUND);
        publisher.refuseWhen(event -> event.getType() == JobEventType.TEXT_DELTA);

        job.onUpstreamBytes(bytes("data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n"
                + "data: {\"choices\":[{\"delta\":{\"content\":\"b\"}}]}\n\ndata: [DONE]\n\n"));

        assertThat(job.stopped().block(Duration.ofSeconds(1))).isTrue();
        assertThat(job.hasEnded()).isTrue();
        assertThat(registry.find(job.jobId())).isEmpty();
        assertThat(types()).containsExactly(JobEventType.STARTED);
        assertThat(meters.counter("tributary.ingest.jobs.ended", "outcome", "unrecorded", "mode", "background").count())
                .isEqualTo(1.0);
    }

    @Test
    void shouldTimeOutAsFailedTimeoutKeepingTheContentAndStoppingTheUpstream() {
        IngestJob job = start(JobMode.BACKGROUND);
        job.onUpstreamBytes(bytes("data: {\"choices\":[{\"delta\":{\"content\":\"partial\"}}]}\n\n"));

        assertThat(job.timeOut(TimeoutKind.IDLE)).isTrue();
        assertThat(job.timeOut(TimeoutKind.MAX_DURATION)).isFalse();

        assertThat(job.stopped().block(Duration.ofSeconds(1))).isTrue();
        ExpectedJob.assertWellFormed(publisher.events);
        JobState state = ExpectedJob.fold(publisher.events);
        assertThat(state.getStatus()).isEqualTo(JobStatus.ERROR);
        assertThat(state.getFailure().getReason()).isEqualTo(FailureReason.TIMEOUT);
        assertThat(state.getFailure().getMessage()).isEqualTo("Job timed out");
        assertThat(state.getContent()).isEqualTo("partial");
        assertThat(meters.counter("tributary.ingest.jobs.timeouts", "kind", "idle").count()).isEqualTo(1.0);
        assertThat(meters.find("tributary.ingest.jobs.timeouts").tag("kind", "max_duration").counter()).isNull();
    }

    @Test
    void shouldStopWithoutWritingAnythingMoreWhenFenced() {
        IngestJob job = start(JobMode.BACKGROUND);
        job.onUpstreamBytes(bytes("data: {\"choices\":[{\"delta\":{\"content\":\"partial\"}}]}\n\n"));

        assertThat(job.fence()).isTrue();
        assertThat(job.abort(AbortSource.COMMAND, "late")).isFalse();
        job.onUpstreamBytes(bytes("data: {\"choices\":[{\"delta\":{\"content\":\"late\"}}]}\n\ndata: [DONE]\n\n"));
        job.onUpstreamEnd();

        assertThat(job.stopped().block(Duration.ofSeconds(1))).isTrue();
        assertThat(job.hasEnded()).isTrue();
        assertThat(registry.size()).isZero();
        assertThat(types()).containsExactly(JobEventType.STARTED, JobEventType.TEXT_DELTA);
        assertThat(meters.counter("tributary.ingest.jobs.ended", "outcome", "fenced", "mode", "background").count())
                .isEqualTo(1.0);
    }

    @Test
    void shouldWriteExactlyOneTerminalEventWhenAnAbortRacesTheCompletion() throws Exception {
        int iterations = 500;
        ExecutorService racers = Executors.newFixedThreadPool(2);
        Map<JobEventType, Integer> winners = new EnumMap<>(JobEventType.class);
        try {
            for (int i = 0; i < iterations; i++) {
                IngestJob job = new IngestJob("race-" + i, new JobSpec("user-1", "t", "m", null, JobMode.BACKGROUND),
                        "ingest-test", parts);
                registry.add(job);
                job.writeStarted();
                job.onUpstreamBytes(bytes("data: {\"choices\":[{\"delta\":{\"content\":\"almost\"}}]}\n\n"));
                CyclicBarrier together = new CyclicBarrier(2);
                Future<?> completion = racers.submit(() -> {
                    await(together);
                    job.onUpstreamBytes(bytes("data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
                            + "data: [DONE]\n\n"));
                    job.onUpstreamEnd();
                });
                Future<?> abort = racers.submit(() -> {
                    await(together);
                    job.abort(AbortSource.COMMAND, "user");
                });
                completion.get(5, TimeUnit.SECONDS);
                abort.get(5, TimeUnit.SECONDS);

                List<JobEvent> events = publisher.events.stream().filter(e -> e.getJobId().equals(job.jobId())).toList();
                ExpectedJob.assertWellFormed(events);
                assertThat(ExpectedJob.fold(events).getContent()).isEqualTo("almost");
                winners.merge(events.get(events.size() - 1).getType(), 1, Integer::sum);
            }
        } finally {
            racers.shutdownNow();
        }

        assertThat(registry.size()).isZero();
        assertThat(winners.values().stream().mapToInt(Integer::intValue).sum()).as("winners %s", winners)
                .isEqualTo(iterations);
        assertThat(meters.find("tributary.ingest.jobs.ended").counters().stream().mapToDouble(c -> c.count()).sum())
                .isEqualTo(iterations);
    }

    @Test
    void shouldCutOffAJobWhoseUpstreamSendsMoreEventsThanTheCapKeepingItsContent() {
        IngestJob job = startWithCap(5);

        job.onUpstreamBytes(bytes(contentChunk("a").repeat(10) + "data: [DONE]\n\n"));

        assertThat(job.stopped().block(Duration.ofSeconds(1))).isTrue();
        ExpectedJob.assertWellFormed(publisher.events);
        JobState state = ExpectedJob.fold(publisher.events);
        assertThat(state.getStatus()).isEqualTo(JobStatus.ERROR);
        assertThat(state.getFailure().getReason()).isEqualTo(FailureReason.INVALID_UPSTREAM_DATA);
        assertThat(state.getFailure().getMessage()).isEqualTo("The upstream sent more than 5 events");
        assertThat(state.getContent()).isEqualTo("aaaa");
        assertThat(registry.size()).isZero();
    }

    @Test
    void shouldCountCommentsAndOversizedEventsTowardsTheCap() {
        IngestJob job = startWithCap(5);

        job.onUpstreamBytes(bytes(contentChunk("a") + ": keep-alive\n\n".repeat(2) + "data: " + "z".repeat(5000) + "\n\n"
                + ": keep-alive\n\n".repeat(2) + contentChunk("never")));

        ExpectedJob.assertWellFormed(publisher.events);
        JobState state = ExpectedJob.fold(publisher.events);
        assertThat(state.getFailure().getReason()).isEqualTo(FailureReason.INVALID_UPSTREAM_DATA);
        assertThat(state.getContent()).isEqualTo("a");
    }

    @Test
    void shouldCutOffAPayloadThatMakesMoreEventsThanTheCap() {
        IngestJob job = startWithCap(5);
        StringBuilder calls = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            calls.append(i == 0 ? "" : ",").append("{\"index\": ").append(i).append(", \"function\": {\"arguments\": \"x\"}}");
        }

        job.onUpstreamBytes(bytes("data: {\"choices\":[{\"delta\":{\"tool_calls\":[" + calls + "]},"
                + "\"finish_reason\":\"error\"}]}\n\n"));

        ExpectedJob.assertWellFormed(publisher.events);
        assertThat(types()).containsExactly(JobEventType.STARTED, JobEventType.TOOL_CALL_DELTA, JobEventType.TOOL_CALL_DELTA,
                JobEventType.TOOL_CALL_DELTA, JobEventType.TOOL_CALL_DELTA, JobEventType.FAILED);
        assertThat(publisher.events.get(5).getFailed().getReason()).isEqualTo(FailureReason.INVALID_UPSTREAM_DATA);
        assertThat(job.hasEnded()).isTrue();
    }

    @Test
    void shouldCarryASurrogatePairSplitAcrossChunksFedByteByByteIntoOneWellFormedText() {
        IngestJob job = start(JobMode.BACKGROUND);
        byte[] transcript = bytes(contentChunk("Hi \\uD83D") + contentChunk("\\uDC4B and \\uD83E")
                + "data: {\"choices\":[{\"delta\":{\"content\":\"\\uDD14\"},\"finish_reason\":\"stop\"}]}\n\n"
                + contentChunk("\\uD83D") + "data: [DONE]\n\n");

        for (byte b : transcript) {
            job.onUpstreamBytes(new byte[] {b});
        }

        ExpectedJob.assertWellFormed(publisher.events);
        assertThat(ExpectedJob.fold(publisher.events).getContent()).isEqualTo("Hi \uD83D\uDC4B and \uD83E\uDD14\uFFFD");
        assertThat(publisher.events).filteredOn(event -> event.getType() == JobEventType.TEXT_DELTA)
                .extracting(JobEvent::getText)
                .containsExactly("Hi ", "\uD83D\uDC4B and ", "\uD83E\uDD14", "\uFFFD");
    }

    private IngestJob startWithCap(int maxEvents) {
        IngestJob.JobParts capped = new IngestJob.JobParts(publisher, registry, new JobMetrics(meters, registry), maxEvents,
                new SseLimits(4096, 4096), Clock.systemUTC(), InstanceLiveness.always("ingest-test"));
        IngestJob job = new IngestJob("job-1", new JobSpec("user-1", "thread-1", "message-1", null, JobMode.BACKGROUND),
                "ingest-test", capped);
        registry.add(job);
        job.writeStarted();
        return job;
    }

    private static String contentChunk(String text) {
        return "data: {\"choices\":[{\"delta\":{\"content\":\"" + text + "\"}}]}\n\n";
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private IngestJob start(JobMode mode) {
        IngestJob job = new IngestJob("job-1", new JobSpec("user-1", "thread-1", "message-1", "openai/gpt-4o-mini", mode),
                "ingest-test", parts);
        registry.add(job);
        CompletableFuture<?> started = job.writeStarted();
        assertThat(started).isCompleted();
        return job;
    }

    private List<JobEventType> types() {
        return publisher.events.stream().map(JobEvent::getType).toList();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
