package io.tributary.gateway.support;

import java.time.Instant;

import io.tributary.schema.JobAborted;
import io.tributary.schema.JobCompleted;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobEventType;
import io.tributary.schema.JobFailure;
import io.tributary.schema.JobMode;
import io.tributary.schema.JobStarted;
import io.tributary.schema.FailureReason;
import io.tributary.schema.ToolCallDelta;
import io.tributary.schema.Usage;

/** Builds the events of one job, as the ingest writes them. */
public final class TestEvents {

    private final String jobId;
    private final Instant start;

    public TestEvents(String jobId) {
        this(jobId, Instant.parse("2026-01-01T10:00:00Z"));
    }

    public TestEvents(String jobId, Instant start) {
        this.jobId = jobId;
        this.start = start;
    }

    public String jobId() {
        return jobId;
    }

    public JobEvent started(String userId) {
        return event(0, JobEventType.STARTED)
                .setStarted(JobStarted.newBuilder()
                        .setUserId(userId)
                        .setThreadId("thread-1")
                        .setMessageId("message-1")
                        .setModel("test/model")
                        .setMode(JobMode.BACKGROUND)
                        .setIngestInstanceId("ingest-1")
                        .build())
                .build();
    }

    public JobEvent text(long seq, String text) {
        return event(seq, JobEventType.TEXT_DELTA).setText(text).build();
    }

    public JobEvent reasoning(long seq, String text) {
        return event(seq, JobEventType.REASONING_DELTA).setText(text)
                .setReasoningDetails("[{\"type\":\"reasoning.text\",\"text\":\"" + text + "\"}]").build();
    }

    public JobEvent toolCall(long seq, int index, String id, String name, String arguments) {
        return event(seq, JobEventType.TOOL_CALL_DELTA)
                .setToolCall(ToolCallDelta.newBuilder().setIndex(index).setId(id).setType(id == null ? null : "function")
                        .setName(name).setArguments(arguments).build())
                .build();
    }

    public JobEvent usage(long seq) {
        return event(seq, JobEventType.USAGE)
                .setUsage(Usage.newBuilder().setPromptTokens(12L).setCompletionTokens(9L).setTotalTokens(21L)
                        .setCost(1.23e-05)
                        .setJson("{\"prompt_tokens\":12,\"completion_tokens\":9,\"total_tokens\":21,\"cost\":1.23e-05,"
                                + "\"prompt_tokens_details\":{\"cached_tokens\":4}}")
                        .build())
                .build();
    }

    /** An event of a type this reader does not know (a newer writer's), which folds into nothing. */
    public JobEvent unknown(long seq) {
        return event(seq, JobEventType.UNKNOWN).build();
    }

    public JobEvent completed(long seq) {
        return event(seq, JobEventType.COMPLETED)
                .setCompleted(JobCompleted.newBuilder().setFinishReason("stop").setGenerationId("gen-1").build())
                .build();
    }

    public JobEvent failed(long seq, String message) {
        return event(seq, JobEventType.FAILED)
                .setFailed(JobFailure.newBuilder().setReason(FailureReason.UPSTREAM_ERROR).setMessage(message).build())
                .build();
    }

    public JobEvent aborted(long seq) {
        return event(seq, JobEventType.ABORTED).setAborted(JobAborted.newBuilder().setReason("user").build()).build();
    }

    private JobEvent.Builder event(long seq, JobEventType type) {
        return JobEvent.newBuilder()
                .setJobId(jobId)
                .setSeq(seq)
                .setType(type)
                .setTimestamp(start.plusMillis(seq * 10));
    }
}
