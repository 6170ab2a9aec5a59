package io.tributary.gateway.sse;

import java.util.List;
import java.util.Locale;

import io.tributary.schema.JobState;
import io.tributary.schema.JobStatus;
import io.tributary.schema.ToolCall;
import org.jspecify.annotations.Nullable;

/** Turns a folded job into the JSON bodies of the API. */
public final class StatusBodies {

    private final JobJson json;

    public StatusBodies(JobJson json) {
        this.json = json;
    }

    /** The whole status, content included. */
    public JobStatusBody full(JobState state) {
        return body(state, state.getContent(), null);
    }

    /**
     * The status for a reader that holds the content up to {@code offset} (UTF-16 code units): the
     * content from there as {@code content_delta}; the whole content again when the offset lies past
     * its end, which tells the reader that its copy is not a prefix of this one (the reset signal).
     */
    public JobStatusBody fromOffset(JobState state, long offset) {
        String content = state.getContent();
        if (offset > content.length()) {
            return full(state);
        }
        return body(state, null, content.substring((int) offset));
    }

    /** The job without its content, for lists. */
    public JobSummaryBody summary(JobState state) {
        return new JobSummaryBody(
                state.getJobId(),
                statusName(state.getStatus()),
                state.getThreadId(),
                state.getMessageId(),
                state.getModel(),
                state.getChunksReceived(),
                state.getStartedAt().toEpochMilli(),
                completedAt(state),
                error(state));
    }

    public JobDeltaBody delta(JobHeader header, DeltaFacts facts) {
        return new JobDeltaBody(
                header.id(),
                statusName(JobStatus.STREAMING),
                header.threadId(),
                header.messageId(),
                header.model(),
                facts.chunksReceived(),
                header.startedAt(),
                facts.contentDelta(),
                facts.contentLength(),
                facts.reasoningDelta(),
                facts.toolCalls() == null ? null : toolCalls(facts.toolCalls()),
                json.usage(facts.usage()),
                facts.seq());
    }

    private JobStatusBody body(JobState state, @Nullable String content, @Nullable String contentDelta) {
        return new JobStatusBody(
                state.getJobId(),
                statusName(state.getStatus()),
                state.getThreadId(),
                state.getMessageId(),
                state.getModel(),
                state.getChunksReceived(),
                state.getStartedAt().toEpochMilli(),
                completedAt(state),
                error(state),
                content,
                contentDelta,
                state.getContent().length(),
                state.getReasoning(),
                toolCalls(state.getToolCalls()),
                json.usage(state.getUsage()),
                state.getSeq());
    }

    /** The original's status names: streaming, complete, error, aborted. */
    public static String statusName(JobStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    private static @Nullable Long completedAt(JobState state) {
        return state.getCompletedAt() == null ? null : state.getCompletedAt().toEpochMilli();
    }

    /** The failure's message for a failed job; null otherwise, aborted jobs included. */
    private static @Nullable String error(JobState state) {
        return state.getStatus() == JobStatus.ERROR && state.getFailure() != null
                ? state.getFailure().getMessage()
                : null;
    }

    private static List<ToolCallBody> toolCalls(List<ToolCall> calls) {
        return calls.stream().map(ToolCallBody::of).toList();
    }
}
