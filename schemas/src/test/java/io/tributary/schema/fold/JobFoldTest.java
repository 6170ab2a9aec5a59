package io.tributary.schema.fold;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import io.tributary.schema.FailureReason;
import io.tributary.schema.JobAborted;
import io.tributary.schema.JobCompleted;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobEventType;
import io.tributary.schema.JobFailure;
import io.tributary.schema.JobMode;
import io.tributary.schema.JobStarted;
import io.tributary.schema.JobState;
import io.tributary.schema.JobStatus;
import io.tributary.schema.LogPosition;
import io.tributary.schema.ToolCallDelta;
import io.tributary.schema.Usage;
import org.junit.jupiter.api.Test;

class JobFoldTest {

    private static final String JOB = "job-1";

    @Test
    void shouldConcatenateTextDeltasAndCountUtf16Units() {
        JobFold fold = started();
        fold.apply(text(1, "Hi there"), at(11));
        fold.apply(text(2, "! \uD83D\uDC4B"), at(12));

        JobState state = fold.toState();

        assertThat(state.getContent()).isEqualTo("Hi there! \uD83D\uDC4B");
        assertThat(fold.contentLength()).as("an emoji is two UTF-16 code units, as in JavaScript").isEqualTo(12);
        assertThat(state.getChunksReceived()).isEqualTo(2);
        assertThat(state.getSeq()).isEqualTo(2);
        assertThat(state.getStatus()).isEqualTo(JobStatus.STREAMING);
        assertThat(state.getFirstPosition()).isEqualTo(at(10));
        assertThat(state.getLastPosition()).isEqualTo(at(12));
    }

    @Test
    void shouldKeepReasoningAndItsDetailsVerbatim() {
        JobFold fold = started();
        fold.apply(event(1, JobEventType.REASONING_DELTA).setText("Let me think.")
                .setReasoningDetails("[{\"type\":\"reasoning.text\",\"text\":\"Let me think.\"}]").build(), at(11));
        fold.apply(event(2, JobEventType.REASONING_DELTA).setText(" Done.").build(), at(12));

        JobState state = fold.toState();

        assertThat(state.getReasoning()).isEqualTo("Let me think. Done.");
        assertThat(state.getReasoningDetails()).containsExactly("[{\"type\":\"reasoning.text\",\"text\":\"Let me think.\"}]");
    }

    @Test
    void shouldAssembleToolCallsByIndexFromTheirFragments() {
        JobFold fold = started();
        fold.apply(tool(1, ToolCallDelta.newBuilder().setIndex(0).setId("call_a").setType("function")
                .setName("get_weather").setArguments("").build()), at(11));
        fold.apply(tool(2, ToolCallDelta.newBuilder().setIndex(0).setArguments("{\"loc").build()), at(12));
        fold.apply(tool(3, ToolCallDelta.newBuilder().setIndex(1).setId("call_b").setName("get_time")
                .setArguments("{}").build()), at(13));
        fold.apply(tool(4, ToolCallDelta.newBuilder().setIndex(0).setArguments("\":\"Paris\"}").build()), at(14));

        JobState state = fold.toState();

        assertThat(state.getToolCalls()).hasSize(2);
        assertThat(state.getToolCalls().get(0).getId()).isEqualTo("call_a");
        assertThat(state.getToolCalls().get(0).getName()).isEqualTo("get_weather");
        assertThat(state.getToolCalls().get(0).getArguments()).isEqualTo("{\"loc\":\"Paris\"}");
        assertThat(state.getToolCalls().get(1).getArguments()).isEqualTo("{}");
    }

    @Test
    void shouldEndWithTheFirstTerminalEventAndIgnoreEverythingAfterIt() {
        JobFold fold = started();
        fold.apply(text(1, "partial"), at(11));
        fold.apply(event(2, JobEventType.ABORTED).setAborted(new JobAborted("user")).build(), at(12));

        assertThat(fold.apply(text(3, " late"), at(13))).isFalse();
        assertThat(fold.apply(event(4, JobEventType.COMPLETED).setCompleted(new JobCompleted("stop", "gen")).build(), at(14)))
                .isFalse();

        JobState state = fold.toState();
        assertThat(state.getStatus()).isEqualTo(JobStatus.ABORTED);
        assertThat(state.getAbortReason()).isEqualTo("user");
        assertThat(state.getContent()).isEqualTo("partial");
        assertThat(state.getSeq()).isEqualTo(2);
        assertThat(fold.isTerminal()).isTrue();
    }

    @Test
    void shouldKeepPartialContentWhenAJobFails() {
        JobFold fold = started();
        fold.apply(text(1, "The answer is"), at(11));
        fold.apply(event(2, JobEventType.FAILED).setFailed(JobFailure.newBuilder()
                .setReason(FailureReason.UPSTREAM_ERROR).setMessage("Provider disconnected").build()).build(), at(12));

        JobState state = fold.toState();

        assertThat(state.getStatus()).isEqualTo(JobStatus.ERROR);
        assertThat(state.getFailure().getMessage()).isEqualTo("Provider disconnected");
        assertThat(state.getContent()).isEqualTo("The answer is");
        assertThat(state.getCompletedAt()).isEqualTo(Instant.ofEpochMilli(2_000));
    }

    @Test
    void shouldIgnoreAnEventItHasAlreadyFolded() {
        JobFold fold = started();
        fold.apply(text(1, "once"), at(11));

        assertThat(fold.apply(text(1, "once"), at(11))).isFalse();
        assertThat(fold.toState().getContent()).isEqualTo("once");
    }

    @Test
    void shouldIgnoreEventsBeforeTheJobStarted() {
        JobFold fold = JobFold.empty(JOB);

        assertThat(fold.apply(text(1, "orphan"), at(11))).isFalse();
        assertThat(fold.hasStarted()).isFalse();
        assertThat(fold.toState()).isNull();
    }

    @Test
    void shouldContinueFromASnapshotExactlyAsFromTheStart() {
        JobFold whole = started();
        JobFold resumed = started();
        whole.apply(text(1, "ab"), at(11));
        resumed.apply(text(1, "ab"), at(11));
        resumed = JobFold.of(resumed.toState());

        for (JobFold fold : new JobFold[] {whole, resumed}) {
            fold.apply(event(2, JobEventType.USAGE).setUsage(Usage.newBuilder().setTotalTokens(21L).build()).build(), at(12));
            fold.apply(text(3, "c"), at(13));
            fold.apply(event(4, JobEventType.COMPLETED).setCompleted(new JobCompleted("stop", "gen-1")).build(), at(14));
        }

        assertThat(resumed.toState()).isEqualTo(whole.toState());
        assertThat(whole.toState().getUsage().getTotalTokens()).isEqualTo(21L);
        assertThat(whole.toState().getFinishReason()).isEqualTo("stop");
    }

    @Test
    void shouldSkipEventTypesItDoesNotKnow() {
        JobFold fold = started();

        assertThat(fold.apply(event(1, JobEventType.UNKNOWN).build(), at(11))).isFalse();
        assertThat(fold.seq()).isZero();
    }

    private static JobFold started() {
        JobFold fold = JobFold.empty(JOB);
        fold.apply(event(0, JobEventType.STARTED).setStarted(JobStarted.newBuilder().setUserId("u1").setThreadId("t1")
                .setMessageId("m1").setModel("m").setMode(JobMode.BACKGROUND).build()).build(), at(10));
        return fold;
    }

    private static JobEvent text(long seq, String text) {
        return event(seq, JobEventType.TEXT_DELTA).setText(text).build();
    }

    private static JobEvent tool(long seq, ToolCallDelta delta) {
        return event(seq, JobEventType.TOOL_CALL_DELTA).setToolCall(delta).build();
    }

    private static JobEvent.Builder event(long seq, JobEventType type) {
        return JobEvent.newBuilder().setJobId(JOB).setSeq(seq).setType(type).setTimestamp(Instant.ofEpochMilli(seq * 1_000));
    }

    private static LogPosition at(long offset) {
        return new LogPosition(0, offset);
    }
}
