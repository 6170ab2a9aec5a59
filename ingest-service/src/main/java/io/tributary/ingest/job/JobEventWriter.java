package io.tributary.ingest.job;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import io.tributary.ingest.event.EventDraft;
import io.tributary.schema.JobEvent;
import org.jspecify.annotations.Nullable;

/**
 * The only writer of one job's events: it gives each event the next {@code seq} (dense from 0) and
 * hands it to the publisher under one lock, so events leave in {@code seq} order whichever thread
 * wrote them (the upstream reader, an abort, a timeout).
 *
 * <p>It closes for good after the first terminal event, so exactly one terminal event exists and
 * it is the last; and after the first refused event, so that no later event leaves a gap behind it.
 * Events already handed to the producer when a refusal comes back may still be stored: the
 * idempotent producer refuses the batches that follow a failed one on the same partition, so this
 * is rare, and a reader sees a job that simply stops.
 */
public final class JobEventWriter {

    private final String jobId;
    private final JobEventPublisher publisher;
    private final Clock clock;
    private final Consumer<Throwable> onRefused;
    private long nextSeq;
    private boolean closed;
    private boolean refused;

    /**
     * @param onRefused called once, on the publisher's thread, with the first refusal
     */
    public JobEventWriter(String jobId, JobEventPublisher publisher, Clock clock, Consumer<Throwable> onRefused) {
        this.jobId = jobId;
        this.publisher = publisher;
        this.clock = clock;
        this.onRefused = onRefused;
    }

    /**
     * Writes the next event of the job.
     *
     * @return completes when the log stored it; null when the writer is closed (a terminal event was
     *     written, or the log refused an event) and the event was not written
     */
    public synchronized @Nullable CompletableFuture<?> write(EventDraft draft) {
        if (closed) {
            return null;
        }
        if (draft.isTerminal()) {
            closed = true;
        }
        JobEvent event = draft.toEvent(jobId, nextSeq++, clock.instant());
        CompletableFuture<?> stored;
        try {
            stored = publisher.publish(event);
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
