package io.tributary.ingest.job;

import java.util.concurrent.CompletableFuture;

import io.tributary.schema.JobEvent;
import org.jspecify.annotations.Nullable;

/** Puts job events on the log. Events handed over in a given order are stored in that order. */
public interface JobEventPublisher {

    /**
     * Hands one event over; may block briefly while the log's metadata is fetched or its buffer is
     * full, so never call it on an I/O thread.
     *
     * @param traceparent the job's W3C trace context, carried in the record's headers; null for none
     * @return completes when the log has stored the event, exceptionally when it refused it
     */
    CompletableFuture<?> publish(JobEvent event, @Nullable String traceparent);

    /** Waits until every event handed over has been stored or refused. */
    void flush();

    /**
     * Drops every event handed over but not yet sent to the broker (they complete exceptionally);
     * later events are published as usual. Used when this instance may no longer write.
     */
    void discardUnsent();
}
