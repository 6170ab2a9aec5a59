package io.tributary.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import io.tributary.schema.JobState;
import io.tributary.schema.JobStatus;
import io.tributary.simulator.SimulatedReply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Security suite, SSE safety end to end: content that holds every character that could break an SSE
 * stream or a JSON payload (CR, LF, CRLF, U+2028, U+2029, NUL, NEL, text that looks like SSE fields)
 * goes upstream → ingest → Kafka → gateway and reaches a viewer exactly, live, resumed and replayed,
 * and the status endpoint answers it exactly too.
 */
class SecuritySseContentIT {

    /**
     * Cut by the simulator into pieces of three code points, so that the characters fall at the start,
     * in the middle and at the end of deltas, and a CRLF is split across two deltas.
     */
    private static final String HOSTILE = "line one\rline two\nline three\r\nafter CRLF\n\n"
            + "data: {\"event\":\"status\"}\n\nid: 999\nevent: injected\nretry: 1\n: comment\n"
            + "U+2028[\u2028] U+2029[\u2029] NUL[\u0000] NEL[\u0085] BOM[\uFEFF] tab[\t] bell[\u0007] esc[\u001b]"
            + " quote[\"] backslash[\\] slash[</script>] emoji[🚀] é\r\r\n\n\r end";
    private static final Duration STREAM_BOUND = Duration.ofSeconds(60);

    private static TributaryStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        stack = TributaryStack.shared();
    }

    @Test
    void shouldDeliverContentWithLineBreaksAndControlCharactersExactlyLiveResumedAndReplayed() throws Exception {
        TributaryClient viewer = TributaryClient.freshUser(stack, "sse-content");
        String request = JobRequest.of("hostile content", 1, 40).replying(HOSTILE).background();
        assertThat(SimulatedReply.forRequest(request).content()).as("what the simulator will send").isEqualTo(HOSTILE);
        String jobId = viewer.startJob(request);

        ViewerTranscript live = new ViewerTranscript();
        try (SseClient stream = viewer.watch(jobId, null)) {
            live.add(BackgroundJobIT.take(stream, 10));
            assertThat(stream.comments()).as("comments (none may come from the content)").doesNotContain("comment");
        }
        try (SseClient resumed = viewer.on(stack.secondGateway()).watch(jobId, Long.toString(live.lastId()))) {
            live.add(resumed.readToEnd(STREAM_BOUND));
            assertThat(resumed.comments()).as("comments (none may come from the content)").doesNotContain("comment");
        }
        assertThat(live.content()).isEqualTo(HOSTILE);
        assertThat(live.terminal().path("content").asString()).isEqualTo(HOSTILE);

        JobState state = await().atMost(STREAM_BOUND).pollInterval(Duration.ofMillis(250))
                .until(() -> new JobLog(stack).latestState(jobId), s -> s != null && s.getStatus() == JobStatus.COMPLETE);
        assertThat(state.getContent()).as("jobs.state").isEqualTo(HOSTILE);
        JsonNode status = TributaryClient.JSON.readTree(viewer.status(jobId).body());
        assertThat(status.path("content").asString()).as("the status endpoint").isEqualTo(HOSTILE);
        try (SseClient replay = viewer.watch(jobId, null)) {
            List<SseMessage> messages = replay.readToEnd(STREAM_BOUND);
            assertThat(messages).as("a replay of the finished job").isNotEmpty();
            JsonNode last = TributaryClient.JSON.readTree(messages.get(messages.size() - 1).data());
            assertThat(last.path("status").path("content").asString()).isEqualTo(HOSTILE);
            assertThat(messages).allSatisfy(message -> assertThat(message.event()).isEqualTo("message"));
        }
    }
}
