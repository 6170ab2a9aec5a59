package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.ingest.job.JobRegistry;
import io.tributary.ingest.testing.ExpectedJob;
import io.tributary.ingest.testing.Fixtures;
import io.tributary.ingest.testing.ScriptedUpstream;
import io.tributary.schema.FailureReason;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobState;
import io.tributary.schema.JobStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Upstreams that misbehave on purpose, over real HTTP, each beside a healthy job that must complete
 * intact: every hostile job ends or goes on cleanly, keeps its content and leaves nothing behind.
 */
class HostileUpstreamIT extends AbstractHostileUpstreamIT {

    private static final String HEALTHY_FIXTURE = "basic-text";

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private JobRegistry registry;

    @Test
    void shouldSkipAnOversizedLineAndAnOversizedEventAndCompleteTheJob() {
        String stream = content("before ")
                + "data: " + "x".repeat(MAX_LINE_BYTES + 1_000) + "\n\n"
                + ("data: " + "y".repeat(MAX_EVENT_BYTES / 4) + "\n").repeat(5) + "\n"
                + content("after") + "data: [DONE]\n\n";
        double skippedBefore = skipped("oversized_event");

        Map<String, List<JobEvent>> events = runBesideAHealthyJob(ScriptedUpstream.stream(bytes(stream), 4096, 333));

        JobState state = ExpectedJob.fold(events.get("hostile"));
        assertThat(state.getStatus()).isEqualTo(JobStatus.COMPLETE);
        assertThat(state.getContent()).isEqualTo("before after");
        assertThat(skipped("oversized_event")).isEqualTo(skippedBefore + 2);
    }

    @Test
    void shouldReplaceInvalidUtf8WithTheReplacementCharacterAndGoOn() {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(bytes("data: {\"choices\":[{\"delta\":{\"content\":\"caf"));
        stream.writeBytes(new byte[] {(byte) 0xC3});
        stream.writeBytes(bytes("\"}}]}\n\ndata: {\"choices\":[{\"delta\":{\"content\":\" "));
        stream.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0xF0, (byte) 0x9F, (byte) 0x91});
        stream.writeBytes(bytes(" ok \uD83D\uDC4B\"}}]}\n\ndata: [DONE]\n\n"));

        Map<String, List<JobEvent>> events = runBesideAHealthyJob(ScriptedUpstream.stream(stream.toByteArray(), 1, 2, 3));

        JobState state = ExpectedJob.fold(events.get("hostile"));
        assertThat(state.getStatus()).isEqualTo(JobStatus.COMPLETE);
        assertThat(state.getContent()).isEqualTo("caf\uFFFD \uFFFD\uFFFD\uFFFD ok \uD83D\uDC4B");
    }

    @Test
    void shouldSkipDeeplyNestedJsonAndCompleteTheJob() {
        String deepArray = "[".repeat(20_000);
        String deepInsideAChunk = "{\"choices\":[{\"delta\":{\"content\":\"lost\",\"extra\":" + "{\"a\":".repeat(3_000) + "1"
                + "}".repeat(3_000) + "}}]}";
        String stream = content("shallow ") + "data: " + deepArray + "\n\n" + "data: " + deepInsideAChunk + "\n\n"
                + content("again") + "data: [DONE]\n\n";
        double skippedBefore = skipped("json_limit");

        Map<String, List<JobEvent>> events = runBesideAHealthyJob(ScriptedUpstream.stream(bytes(stream), 1024));

        JobState state = ExpectedJob.fold(events.get("hostile"));
        assertThat(state.getStatus()).isEqualTo(JobStatus.COMPLETE);
        assertThat(state.getContent()).isEqualTo("shallow again");
        assertThat(skipped("json_limit")).isEqualTo(skippedBefore + 2);
    }

    @Test
    void shouldJoinSurrogatePairsSplitAcrossChunksOnTheLog() {
        String stream = content("Hi \\uD83D") + content("\\uDC4B, \\uD83E") + content("\\uDD14 and a lone \\uDC4B")
                + content(" and a last \\uD83D") + "data: [DONE]\n\n";

        Map<String, List<JobEvent>> events = runBesideAHealthyJob(ScriptedUpstream.stream(bytes(stream), 1, 3));

        JobState state = ExpectedJob.fold(events.get("hostile"));
        assertThat(state.getContent()).isEqualTo("Hi \uD83D\uDC4B, \uD83E\uDD14 and a lone \uFFFD and a last \uFFFD");
    }

    @Test
    void shouldCutOffAFloodOfTinyChunksAtTheCapKeepingItsContentWhileAHealthyJobCompletes() throws InterruptedException {
        CountDownLatch floodClosed = new CountDownLatch(1);
        byte[] tinyChunks = bytes(content("a").repeat(16 * 1024 / content("a").length()));
        double cutOffBefore = failed();

        Map<String, List<JobEvent>> events = runBesideAHealthyJob(
                ScriptedUpstream.endless(new byte[0], tinyChunks, 0, floodClosed));

        List<JobEvent> flood = events.get("hostile");
        JobState state = ExpectedJob.fold(flood);
        assertThat(state.getStatus()).isEqualTo(JobStatus.ERROR);
        assertThat(state.getFailure().getReason()).isEqualTo(FailureReason.INVALID_UPSTREAM_DATA);
        assertThat(state.getFailure().getMessage()).isEqualTo("The upstream sent more than " + MAX_EVENTS + " events");
        // STARTED and 1,999 text events fill the cap; the terminal event comes on top.
        assertThat(flood).hasSize(MAX_EVENTS + 1);
        assertThat(state.getContent()).isEqualTo("a".repeat(MAX_EVENTS - 1));
        assertThat(floodClosed.await(5, TimeUnit.SECONDS)).as("the flood's upstream connection closed").isTrue();
        assertThat(registry.find(flood.get(0).getJobId())).as("the job's place").isEmpty();
        assertThat(failed()).isEqualTo(cutOffBefore + 1);
    }

    /**
     * Starts a job on the hostile script and one on a healthy transcript at the same time, and
     * returns both jobs' events, checked well-formed, under "hostile" and "healthy"; the healthy job
     * must have completed exactly as its fixture says.
     */
    private Map<String, List<JobEvent>> runBesideAHealthyJob(ScriptedUpstream.Script hostileScript) {
        String hostile = uniqueModel("hostile");
        String healthy = uniqueModel("healthy");
        UPSTREAM.on(hostile, hostileScript);
        UPSTREAM.on(healthy, ScriptedUpstream.stream(Fixtures.transcript(HEALTHY_FIXTURE), 2, 5, 11));

        CompletableFuture<String> hostileJob = CompletableFuture.supplyAsync(
                () -> startBackground("mallory", body(hostile, background("t-hostile", "m"))));
        CompletableFuture<String> healthyJob = CompletableFuture.supplyAsync(
                () -> startBackground("alice", body(healthy, background("t-healthy", "m"))));
        Map<String, List<JobEvent>> events = awaitAllEnded(List.of(hostileJob.join(), healthyJob.join()));

        List<JobEvent> hostileEvents = events.get(hostileJob.join());
        List<JobEvent> healthyEvents = events.get(healthyJob.join());
        ExpectedJob.assertWellFormed(hostileEvents);
        ExpectedJob.assertWellFormed(healthyEvents);
        ExpectedJob.assertMatches(ExpectedJob.fold(healthyEvents), Fixtures.expected(HEALTHY_FIXTURE));
        return Map.of("hostile", hostileEvents, "healthy", healthyEvents);
    }

    private double skipped(String cause) {
        var counter = meters.find("tributary.ingest.chunks.skipped").tag("cause", cause).counter();
        return counter == null ? 0 : counter.count();
    }

    private double failed() {
        var counter = meters.find("tributary.ingest.jobs.ended").tag("outcome", "failed").tag("mode", "background").counter();
        return counter == null ? 0 : counter.count();
    }

    private static String content(String text) {
        return "data: {\"choices\":[{\"delta\":{\"content\":\"" + text + "\"}}]}\n\n";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
