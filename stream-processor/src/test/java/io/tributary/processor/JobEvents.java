package io.tributary.processor;

import java.time.Instant;

import io.tributary.schema.FailureReason;
import io.tributary.schema.JobAborted;
import io.tributary.schema.JobCompleted;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobEventType;
import io.tributary.schema.JobFailure;
import io.tributary.schema.JobMode;
import io.tributary.schema.JobStarted;
import io.tributary.schema.ToolCallDelta;
import io.tributary.schema.Usage;

/** Job events as the ingest writes them, for one job; timestamps grow by one second per seq. */
public record JobEvents(String jobId, String userId) {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    public static JobEvents forJob(String jobId) {
        return new JobEvents(jobId, "user-" + jobId);
    }

    public JobEvent started() {
        return event(0, JobEventType.STARTED)
                .setStarted(JobStarted.newBuilder()
                        .setUserId(userId)
                        .setThreadId("thread-" + jobId)
                        .setMessageId("message-" + jobId)
                        .setModel("test/model")
                        .setMode(JobMode.BACKGROUND)
                        .setIngestInstanceId("ingest-1")
                        .build())
                .build();
    }

    public JobEvent text(long seq, String text) {
        return event(seq, JobEventType.TEXT_DELTA).setText(text).build();
    }

    public JobEvent reasoning(long seq, String text, String detailsJson) {
        return event(seq, JobEventType.REASONING_DELTA).setText(text).setReasoningDetails(detailsJson).build();
    }

    public JobEvent toolCall(long seq, ToolCallDelta delta) {
        return event(seq, JobEventType.TOOL_CALL_DELTA).setToolCall(delta).build();
    }

    public JobEvent usage(long seq, long prompt, long completion) {
        return event(seq, JobEventType.USAGE)
                .setUsage(Usage.newBuilder()
                        .setPromptTokens(prompt)
                        .setCompletionTokens(completion)
                        .setTotalTokens(prompt + completion)
                        .build())
                .build();
    }

    public JobEvent completed(long seq, String finishReason) {
        return event(seq, JobEventType.COMPLETED)
                .setCompleted(JobCompleted.newBuilder().setFinishReason(finishReason).setGenerationId("gen-" + jobId).build())
                .build();
    }

    public JobEvent failed(long seq, String message) {
        return event(seq, JobEventType.FAILED)
                .setFailed(JobFailure.newBuilder().setReason(FailureReason.UPSTREAM_ERROR).setMessage(message).build())
                .build();
    }

    public JobEvent aborted(long seq, String reason) {
        return event(seq, JobEventType.ABORTED).setAborted(JobAborted.newBuilder().setReason(reason).build()).build();
    }

    public static Instant timeOf(long seq) {
        return T0.plusSeconds(seq);
    }

    private JobEvent.Builder event(long seq, JobEventType type) {
        return JobEvent.newBuilder().setJobId(jobId).setSeq(seq).setType(type).setTimestamp(timeOf(seq));
    }
}
