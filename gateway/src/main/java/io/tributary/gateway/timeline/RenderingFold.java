package io.tributary.gateway.timeline;


import io.tributary.gateway.sse.DeltaFacts;
import io.tributary.gateway.sse.JobHeader;
import io.tributary.gateway.sse.JobMessages;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobEventType;
import io.tributary.schema.JobState;
import io.tributary.schema.fold.JobFold;
import org.jspecify.annotations.Nullable;

/**
 * Folds a job's events with {@link JobFold} and renders the SSE message of each: a delta for every
 * event after the last one seen, whether it changed the job or not (so that every seq has a message
 * and a resume by event id is exact), and the terminal status for the first terminal event, after
 * which nothing counts. Events at or below the last seq are duplicates and render nothing.
 *
 * <p>Rendering a delta costs O(delta): the content appended is read from the fold from the previous
 * length on; only the terminal status and snapshots copy the whole content.
 */
final class RenderingFold {

    private final JobFold fold;
    private final JobHeader header;
    private final JobMessages messages;
    private long headSeq;

    private RenderingFold(JobFold fold, JobHeader header, JobMessages messages, long headSeq) {
        this.fold = fold;
        this.header = header;
        this.messages = messages;
        this.headSeq = headSeq;
    }

    /** Continues from a snapshot of {@code jobs.state}. */
    static RenderingFold continuing(JobState state, JobMessages messages) {
        return new RenderingFold(JobFold.of(state), JobHeader.of(state), messages, state.getSeq());
    }

    /** Starts before the job's first event, to render its history from the beginning. */
    static RenderingFold fromStart(JobHeader header, JobMessages messages) {
        return new RenderingFold(JobFold.empty(header.id()), header, messages, -1);
    }

    /**
     * The event's message, or null for a duplicate or an event after the end.
     *
     * @param receivedNanos when the gateway received the event from the log ({@link System#nanoTime()})
     */
    @Nullable RenderedEvent apply(LoggedEvent logged, long receivedNanos) {
        JobEvent event = logged.event();
        if (fold.isTerminal() || event.getSeq() <= headSeq) {
            return null;
        }
        int lengthBefore = fold.contentLength();
        boolean counted = fold.apply(event, logged.position());
        headSeq = event.getSeq();
        if (fold.isTerminal()) {
            return new RenderedEvent(headSeq, messages.status(state()), true, receivedNanos);
        }
        return new RenderedEvent(headSeq, messages.delta(header, facts(event, counted, lengthBefore)), false,
                receivedNanos);
    }

    private DeltaFacts facts(JobEvent event, boolean counted, int lengthBefore) {
        JobEventType type = counted ? event.getType() : JobEventType.UNKNOWN;
        return new DeltaFacts(
                event.getSeq(),
                fold.contentFrom(lengthBefore),
                fold.contentLength(),
                fold.chunksReceived(),
                type == JobEventType.REASONING_DELTA ? textOf(event) : null,
                type == JobEventType.TOOL_CALL_DELTA ? fold.toolCalls() : null,
                type == JobEventType.USAGE ? event.getUsage() : null);
    }

    private static String textOf(JobEvent event) {
        return event.getText() == null ? "" : event.getText();
    }

    /** The seq of the last event seen: the id of the newest message. */
    long headSeq() {
        return headSeq;
    }

    boolean isTerminal() {
        return fold.isTerminal();
    }

    long chunksReceived() {
        return fold.chunksReceived();
    }

    /** The job as folded so far; copies the content, so not for the per-event path. */
    JobState state() {
        JobState state = fold.toState();
        if (state == null) {
            throw new IllegalStateException("Job " + header.id() + " has not started");
        }
        return state;
    }
}
