package io.tributary.ingest.job;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import io.tributary.schema.JobEvent;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.jspecify.annotations.Nullable;

/** An in-memory log: keeps the events handed to it in order, and refuses those it is told to. */
class RecordingPublisher implements JobEventPublisher {

    final List<JobEvent> events = new CopyOnWriteArrayList<>();
    /** The traceparent each event was handed over with, in the same order. */
    final List<@Nullable String> traceparents = new CopyOnWriteArrayList<>();
    private volatile Predicate<JobEvent> refuse = event -> false;
    volatile int discarded;

    void refuseWhen(Predicate<JobEvent> refuse) {
        this.refuse = refuse;
    }

    @Override
    public CompletableFuture<?> publish(JobEvent event, @Nullable String traceparent) {
        if (refuse.test(event)) {
            return CompletableFuture.failedFuture(new RecordTooLargeException("refused seq " + event.getSeq()));
        }
        events.add(event);
        traceparents.add(traceparent);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void flush() {
    }

    @Override
    public void discardUnsent() {
        discarded++;
    }
}
