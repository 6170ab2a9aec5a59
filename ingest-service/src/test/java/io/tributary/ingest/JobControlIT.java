package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.ingest.testing.ControlCommands;
import io.tributary.ingest.testing.ExpectedJob;
import io.tributary.ingest.testing.JobEventLog;
import io.tributary.ingest.testing.ScriptedUpstream;
import io.tributary.schema.FailureReason;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobEventType;
import io.tributary.schema.JobState;
import io.tributary.schema.JobStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.ResponseEntity;
import reactor.core.publisher.Flux;

/**
 * Commands on {@code jobs.control}, written as the gateway (abort) and the processor (timeout) write
 * them, reach the job on this instance: its upstream connection closes at once (seen by the
 * upstream server) and its terminal event says why.
 */
class JobControlIT extends AbstractIngestIT {

    private static final Duration SOON = Duration.ofSeconds(5);

    @Autowired
    private MeterRegistry meters;

    private ControlCommands commands;

    @BeforeEach
    void openCommands() {
        commands = new ControlCommands(bootstrapServers());
    }

    @AfterEach
    void closeCommands() {
        commands.close();
    }

    @Test
    void shouldCloseTheUpstreamAndWriteAbortedWhenAnAbortCommandArrivesDuringStreaming() throws InterruptedException {
        String model = uniqueModel("abort-streaming");
        CountDownLatch upstreamSawDisconnect = new CountDownLatch(1);
        UPSTREAM.on(model, ScriptedUpstream.endless(content("partial"), content(" more"), 50, upstreamSawDisconnect));
        double abortedBefore = counter("tributary.ingest.jobs.aborted", "source", "command");
        String jobId = startBackground("gina", body(model, background("t", "m")));
        new JobEventLog(bootstrapServers()).awaitFirst(jobId, JobEventType.TEXT_DELTA, JOB_TIMEOUT);

        commands.abort(jobId, "user requested");

        assertThat(upstreamSawDisconnect.await(SOON.toMillis(), TimeUnit.MILLISECONDS)).as("upstream closed").isTrue();
        List<JobEvent> events = awaitEnded(jobId);
        ExpectedJob.assertWellFormed(events);
        JobState state = ExpectedJob.fold(events);
        assertThat(state.getStatus()).isEqualTo(JobStatus.ABORTED);
        assertThat(state.getAbortReason()).isEqualTo("user requested");
        assertThat(state.getContent()).startsWith("partial");
        assertThat(counter("tributary.ingest.jobs.aborted", "source", "command")).isEqualTo(abortedBefore + 1);
    }

    @Test
    void shouldEndAForegroundCallersStreamAndRecordTheAbortWhenAnAbortCommandArrives() throws InterruptedException {
        String model = uniqueModel("abort-foreground");
        CountDownLatch upstreamSawDisconnect = new CountDownLatch(1);
        UPSTREAM.on(model, ScriptedUpstream.endless(content("partial"), content(" more"), 50, upstreamSawDisconnect));
        ResponseEntity<Flux<DataBuffer>> response = openForeground("gina", body(model, ""));
        assertThat(response).isNotNull();
        String jobId = response.getHeaders().getFirst("X-Tributary-Job-Id");
        new JobEventLog(bootstrapServers()).awaitFirst(jobId, JobEventType.TEXT_DELTA, JOB_TIMEOUT);

        commands.abort(jobId, "user requested");

        // The caller's stream ends (it does not hang) once the job is aborted.
        String received = response.getBody()
                .map(buffer -> {
                    String text = buffer.toString(StandardCharsets.UTF_8);
                    DataBufferUtils.release(buffer);
                    return text;
                })
                .reduce("", String::concat)
                .block(SOON);
        assertThat(received).startsWith("data: ");
        assertThat(upstreamSawDisconnect.await(SOON.toMillis(), TimeUnit.MILLISECONDS)).as("upstream closed").isTrue();
        List<JobEvent> events = awaitEnded(jobId);
        ExpectedJob.assertWellFormed(events);
        assertThat(ExpectedJob.fold(events).getStatus()).isEqualTo(JobStatus.ABORTED);
    }

    @Test
    void shouldEndTheJobFailedTimeoutKeepingItsContentOnATimeoutCommand() throws InterruptedException {
        String model = uniqueModel("timeout-command");
        CountDownLatch upstreamSawDisconnect = new CountDownLatch(1);
        UPSTREAM.on(model, ScriptedUpstream.endless(content("partial"), content(" more"), 50, upstreamSawDisconnect));
        String jobId = startBackground("gina", body(model, background("t", "m")));
        new JobEventLog(bootstrapServers()).awaitFirst(jobId, JobEventType.TEXT_DELTA, JOB_TIMEOUT);

        commands.timeout(jobId);

        assertThat(upstreamSawDisconnect.await(SOON.toMillis(), TimeUnit.MILLISECONDS)).as("upstream closed").isTrue();
        List<JobEvent> events = awaitEnded(jobId);
        ExpectedJob.assertWellFormed(events);
        JobState state = ExpectedJob.fold(events);
        assertThat(state.getStatus()).isEqualTo(JobStatus.ERROR);
        assertThat(state.getFailure().getReason()).isEqualTo(FailureReason.TIMEOUT);
        assertThat(state.getFailure().getMessage()).isEqualTo("Job timed out");
        assertThat(state.getContent()).startsWith("partial");
    }

    @Test
    void shouldIgnoreCommandsForJobsThatDoNotRunHere() {
        String model = uniqueModel("not-mine");
        CountDownLatch release = new CountDownLatch(1);
        UPSTREAM.on(model, ScriptedUpstream.streamInTwoParts(content("mine"), release,
                "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8)));
        String jobId = startBackground("gina", body(model, background("t", "m")));
        double ignoredBefore = counter("tributary.ingest.commands", "type", "abort", "applied", "false");

        commands.abort(UUID.randomUUID().toString(), "someone else's job");
        await().atMost(SOON).until(() -> counter("tributary.ingest.commands", "type", "abort", "applied", "false")
                > ignoredBefore);
        release.countDown();

        List<JobEvent> events = awaitEnded(jobId);
        ExpectedJob.assertWellFormed(events);
        assertThat(ExpectedJob.fold(events).getStatus()).isEqualTo(JobStatus.COMPLETE);
    }

    @Test
    void shouldWriteExactlyOneTerminalEventWhenAbortsRaceCompletions() throws InterruptedException {
        int jobs = 16;
        List<String> models = new ArrayList<>();
        List<String> jobIds = new ArrayList<>();
        List<CountDownLatch> releases = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            String model = uniqueModel("race-" + i);
            CountDownLatch release = new CountDownLatch(1);
            UPSTREAM.on(model, ScriptedUpstream.streamInTwoParts(content("almost"), release,
                    "data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n"
                            .getBytes(StandardCharsets.UTF_8)));
            jobIds.add(startBackground("hal", body(model, background("t" + i, "m" + i))));
            models.add(model);
            releases.add(release);
        }
        await().atMost(SOON).until(() -> models.stream().allMatch(model -> !UPSTREAM.requests(model).isEmpty()));

        // The abort is on its way through Kafka when the completion leaves the upstream, a little later each time.
        for (int i = 0; i < jobs; i++) {
            commands.abort(jobIds.get(i), "user");
            Thread.sleep(i * 3L);
            releases.get(i).countDown();
        }

        Map<String, List<JobEvent>> events = awaitAllEnded(jobIds);
        Map<JobEventType, Integer> outcomes = new EnumMap<>(JobEventType.class);
        for (String jobId : jobIds) {
            List<JobEvent> ofJob = events.get(jobId);
            ExpectedJob.assertWellFormed(ofJob);
            outcomes.merge(ofJob.get(ofJob.size() - 1).getType(), 1, Integer::sum);
        }
        assertThat(outcomes.keySet()).as("outcomes %s", outcomes)
                .isSubsetOf(JobEventType.ABORTED, JobEventType.COMPLETED);
    }

    private double counter(String name, String... tags) {
        var counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    private static byte[] content(String text) {
        return ("data: {\"choices\":[{\"delta\":{\"content\":\"" + text + "\"}}]}\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
