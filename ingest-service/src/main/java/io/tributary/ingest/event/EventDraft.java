package io.tributary.ingest.event;

import java.time.Instant;
import java.util.function.Consumer;

import io.tributary.schema.FailureReason;
import io.tributary.schema.ImageOutput;
import io.tributary.schema.JobAborted;
import io.tributary.schema.JobCompleted;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobEventType;
import io.tributary.schema.JobFailure;
import io.tributary.schema.JobStarted;
import io.tributary.schema.ToolCallDelta;
import io.tributary.schema.Usage;
import org.jspecify.annotations.Nullable;

/**
 * What a job event says, before the job's writer gives it its place: the writer alone assigns
 * {@code jobId}, {@code seq} and {@code timestamp} (see {@link #toEvent}), so that whoever makes
 * events (the chunk interpreter, an abort, a timeout) cannot get the sequence wrong.
 */
public final class EventDraft {

    private final JobEventType type;
    private final Consumer<JobEvent.Builder> body;

    private EventDraft(JobEventType type, Consumer<JobEvent.Builder> body) {
        this.type = type;
        this.body = body;
    }

    public static EventDraft started(JobStarted started) {
        return new EventDraft(JobEventType.STARTED, event -> event.setStarted(started));
    }

    public static EventDraft text(String text) {
        return new EventDraft(JobEventType.TEXT_DELTA, event -> event.setText(text));
    }

    /**
     * @param reasoningDetails the upstream's {@code reasoning_details} array as JSON, or null when
     *     the chunk carried none
     */
    public static EventDraft reasoning(String text, @Nullable String reasoningDetails) {
        return new EventDraft(JobEventType.REASONING_DELTA,
                event -> event.setText(text).setReasoningDetails(reasoningDetails));
    }

    public static EventDraft toolCall(ToolCallDelta toolCall) {
        return new EventDraft(JobEventType.TOOL_CALL_DELTA, event -> event.setToolCall(toolCall));
    }

    public static EventDraft image(String url) {
        return new EventDraft(JobEventType.IMAGE, event -> event.setImage(new ImageOutput(url)));
    }

    public static EventDraft usage(Usage usage) {
        return new EventDraft(JobEventType.USAGE, event -> event.setUsage(usage));
    }

    public static EventDraft completed(@Nullable String finishReason, @Nullable String generationId) {
        return new EventDraft(JobEventType.COMPLETED,
                event -> event.setCompleted(new JobCompleted(finishReason, generationId)));
    }

    public static EventDraft failed(FailureReason reason, String message, @Nullable String code,
            @Nullable Integer httpStatus) {
        return new EventDraft(JobEventType.FAILED,
                event -> event.setFailed(new JobFailure(reason, message, code, httpStatus)));
    }

    public static EventDraft failed(FailureReason reason, String message) {
        return failed(reason, message, null, null);
    }

    public static EventDraft aborted(@Nullable String reason) {
        return new EventDraft(JobEventType.ABORTED, event -> event.setAborted(new JobAborted(reason)));
    }

    public JobEventType type() {
        return type;
    }

    /** Whether this event ends its job: nothing may follow it. */
    public boolean isTerminal() {
        return type == JobEventType.COMPLETED || type == JobEventType.FAILED || type == JobEventType.ABORTED;
    }

    /** The event with its place in the job's sequence. */
    public JobEvent toEvent(String jobId, long seq, Instant timestamp) {
        JobEvent.Builder event = JobEvent.newBuilder()
                .setJobId(jobId)
                .setSeq(seq)
                .setType(type)
                .setTimestamp(timestamp);
        body.accept(event);
        return event.build();
    }

    @Override
    public String toString() {
        return "EventDraft[" + type + "]";
    }
}
