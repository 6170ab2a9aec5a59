package io.tributary.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.tributary.schema.JobEvent;
import io.tributary.schema.JobEventType;
import io.tributary.simulator.SimulatedReply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An abort travels gateway → jobs.control → the ingest that runs the job → one aborted event → every viewer. */
class AbortIT {

    private static TributaryStack stack;
    private static TributaryClient dave;

    @BeforeAll
    static void startStack() throws Exception {
        stack = TributaryStack.shared();
        dave = new TributaryClient(stack, "dave");
    }

    @Test
    void shouldEndAStreamingJobAbortedForItsViewerWithThePartialContent() throws Exception {
        String request = TributaryClient.backgroundRequest("abort me", 600, 50);
        String jobId = dave.startJob(request);
        ViewerTranscript seen = new ViewerTranscript();

        try (SseClient viewer = dave.watch(jobId, null)) {
            seen.add(BackgroundJobIT.take(viewer, 5));
            var answer = dave.abort(jobId);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(TributaryClient.JSON.readTree(answer.body()).path("aborted").asBoolean()).isTrue();
            seen.add(viewer.readToEnd(Duration.ofSeconds(30)));
        }

        assertThat(seen.terminal().path("status").asString()).isEqualTo("aborted");
        assertThat(SimulatedReply.forRequest(request).content()).startsWith(seen.content());
        List<JobEvent> events = new JobLog(stack).eventsOf(jobId);
        assertThat(events.stream().filter(event -> event.getType() == JobEventType.ABORTED)).hasSize(1);
        assertThat(events.get(events.size() - 1).getType()).isEqualTo(JobEventType.ABORTED);
    }

    @Test
    void shouldAnswerNotAbortedForAFinishedJob() throws Exception {
        String jobId = dave.startJob(TributaryClient.backgroundRequest("already done", 3, 1));
        try (SseClient viewer = dave.watch(jobId, null)) {
            new ViewerTranscript().add(viewer.readToEnd(Duration.ofSeconds(30)));
        }

        var answer = dave.abort(jobId);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(TributaryClient.JSON.readTree(answer.body()).path("aborted").asBoolean()).isFalse();
    }
}
