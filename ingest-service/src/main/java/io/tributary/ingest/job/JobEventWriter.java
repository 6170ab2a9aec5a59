package io.tributary.ingest.job;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import io.tributary.ingest.event.EventDraft;
import io.tributary.ingest.sse.RawCapture;
import io.tributary.schema.JobEvent;
import org.jspecify.annotations.Nullable;

/**
 * The only writer of one job's events: it gives each event the next {@code seq} (dense from 0) and
 * hands it to the publisher under one lock, so events leave in {@code seq} order whichever thread
 * wrote them (the upstream reader, an abort, a timeout).
 *
 * <p>It closes for good after the first terminal event, so exactly one terminal event exists and
 * it is the last; after the first refused event, so that no later event leaves a gap behind it; and
 * when this instance may no longer write (its liveness lease is about to expire: from then on the
 * processor may write the job's terminal event, and two writers must never share a job). That last
 * check runs under the same lock as the hand-over, so no event leaves once it has failed.
 * Events already handed to the producer when a refusal comes back may still be stored: the
 * idempotent producer refuses the batches that follow a failed one on the same partition, so this
 * is rare, and a reader sees a job that simply stops.
 */
public final class JobEventWriter {

    private final String jobId;
    private final JobEventPublisher publisher;
    private final Clock clock;
    private final BooleanSupplier mayWrite;
    private final Consumer<Throwable> onRefused;
    private final Runnable onFenced;
    private final @Nullable RawCapture raw;
    private final @Nullable String traceparent;
    private long nextSeq;
    private boolean closed;
    private boolean refused;

    /** A writer that may always write (tests). */
    public JobEventWriter(String jobId, JobEventPublisher publisher, Clock clock, Consumer<Throwable> onRefused) {
        this(jobId, publisher, clock, () -> true, onRefused, () -> { });
    }

    /**
     * @param mayWrite asked before every event; once false the writer closes without writing
     * @param onRefused called once, on the publisher's thread, with the first refusal
     * @param onFenced called once, under the writer's lock, when {@code mayWrite} first said no
     */
    public JobEventWriter(String jobId, JobEventPublisher publisher, Clock clock, BooleanSupplier mayWrite,
            Consumer<Throwable> onRefused, Runnable onFenced) {
        this(jobId, publisher, clock, mayWrite, onRefused, onFenced, null, null);
    }

    /**
     * @param raw the upstream bytes not yet on an event, given to each event as it is written; null
     *     when raw capture is off
     * @param traceparent the job's trace context, on every event's record; null for none
     */
    public JobEventWriter(String jobId, JobEventPublisher publisher, Clock clock, BooleanSupplier mayWrite,
            Consumer<Throwable> onRefused, Runnable onFenced, @Nullable RawCapture raw, @Nullable String traceparent) {
        this.raw = raw;
        this.traceparent = traceparent;
        this.jobId = jobId;
        this.publisher = publisher;
        this.clock = clock;
        this.mayWrite = mayWrite;
        this.onRefused = onRefused;
        this.onFenced = onFenced;
    }

    /**
     * Writes the next event of the job.
     *
     * @return completes when the log stored it; null when the writer is closed (a terminal event was
     *     written, the log refused an event, or this instance may no longer write) and the event was
     *     not written
     */
    public synchronized @Nullable CompletableFuture<?> write(EventDraft draft) {
        if (closed) {
            return null;
        }
        if (!mayWrite.getAsBoolean()) {
            closed = true;
            onFenced.run();
            return null;
        }
        if (draft.isTerminal()) {
            closed = true;
        }
        JobEvent event = draft.toEvent(jobId, nextSeq++, clock.instant());
        if (raw != null) {
            // Under the lock that orders the events, so the bytes go out in the order they came.
            event.setRaw(raw.drain());
        }
        CompletableFuture<?> stored;
        try {
            stored = publisher.publish(event, traceparent);
        } catch (RuntimeException e) {
            stored = CompletableFuture.failedFuture(e);
        }
        stored.whenComplete((result, error) -> {
            if (error != null) {
                refused(error);
            }
        });
        return stored;
    }

    /**
     * Closes the writer without writing anything more; waits for a write in progress on another
     * thread, so that once this returns no event of the job leaves any more.
     *
     * @return whether this call closed it
     */
    public synchronized boolean close() {
        boolean wasOpen = !closed;
        closed = true;
        return wasOpen;
    }

    /** Whether no further event will be written. */
    public synchronized boolean isClosed() {
        return closed;
    }

    /** The seq the next event would get; as many events have been written. */
    public synchronized long nextSeq() {
        return nextSeq;
    }

    private void refused(Throwable error) {
        boolean first;
        synchronized (this) {
            first = !refused;
            refused = true;
            closed = true;
        }
        if (first) {
            onRefused.accept(error);
        }
    }
}
