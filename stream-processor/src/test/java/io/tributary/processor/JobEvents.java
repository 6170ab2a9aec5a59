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

/**
 * Job events as the ingest writes them, for one job run by {@code ingestInstanceId}; timestamps grow
 * by one second per seq from {@code startedAt}.
 */
public record JobEvents(String jobId, String userId, String ingestInstanceId, Instant startedAt) {

    /** When jobs made by {@link #forJob} start. */
    public static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    /** A job of instance {@code ingest-1}, started at {@link #T0}. */
    public static JobEvents forJob(String jobId) {
        return new JobEvents(jobId, "user-" + jobId, "ingest-1", T0);
    }

    public JobEvents ownedBy(String instanceId) {
        return new JobEvents(jobId, userId, instanceId, startedAt);
    }

    public JobEvents startingAt(Instant start) {
        return new JobEvents(jobId, userId, ingestInstanceId, start);
    }

    public JobEvent started() {
        return event(0, JobEventType.STARTED)
                .setStarted(JobStarted.newBuilder()
                        .setUserId(userId)
                        .setThreadId("thread-" + jobId)
                        .setMessageId("message-" + jobId)
                        .setModel("test/model")
                        .setMode(JobMode.BACKGROUND)
                        .setIngestInstanceId(ingestInstanceId)
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
        return failed(seq, FailureReason.UPSTREAM_ERROR, message);
    }

    public JobEvent failed(long seq, FailureReason reason, String message) {
        return event(seq, JobEventType.FAILED)
                .setFailed(JobFailure.newBuilder().setReason(reason).setMessage(message).build())
                .build();
    }

    public JobEvent aborted(long seq, String reason) {
        return event(seq, JobEventType.ABORTED).setAborted(JobAborted.newBuilder().setReason(reason).build()).build();
    }

    /** The timestamp of the event with this seq of a job made by {@link #forJob}. */
    public static Instant timeOf(long seq) {
        return T0.plusSeconds(seq);
    }

    /** The timestamp of this job's event with this seq. */
    public Instant at(long seq) {
        return startedAt.plusSeconds(seq);
    }

    private JobEvent.Builder event(long seq, JobEventType type) {
        return JobEvent.newBuilder().setJobId(jobId).setSeq(seq).setType(type).setTimestamp(at(seq));
    }
}
