package io.tributary.ingest.publish;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.tributary.ingest.job.JobEventPublisher;
import io.tributary.schema.JobEvent;
import io.tributary.schema.topic.JobEventHeaders;
import io.tributary.schema.topic.Topics;
import io.tributary.support.tracing.TraceParent;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes job events to {@code jobs.deltas}, keyed by jobId, so that one job's events share one
 * partition and keep their order, each with its type in a header ({@link JobEventHeaders}).
 *
 * <p>It holds one producer at a time, made when first needed. {@link #discardUnsent} closes it at
 * once, which fails every batch it has not sent yet (Kafka's {@code close(Duration.ZERO)}); the
 * next event gets a new producer. That is how a fenced instance makes sure nothing it had buffered
 * reaches the log after its lease has expired.
 */
public final class KafkaJobEventPublisher implements JobEventPublisher, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaJobEventPublisher.class);

    private final Supplier<Producer<String, JobEvent>> producers;
    private final Duration closeTimeout;
    private @Nullable Producer<String, JobEvent> producer;

    /**
     * @param producers makes a producer with the serdes of {@link Topics#JOB_DELTAS}, idempotent, {@code acks=all}
     * @param closeTimeout how long {@link #close} waits for unsent events
     */
    public KafkaJobEventPublisher(Supplier<Producer<String, JobEvent>> producers, Duration closeTimeout) {
        this.producers = producers;
        this.closeTimeout = closeTimeout;
    }

    @Override
    public CompletableFuture<?> publish(JobEvent event, @Nullable String traceparent) {
        CompletableFuture<Object> stored = new CompletableFuture<>();
        producer().send(new ProducerRecord<>(Topics.JOB_DELTAS.name(), null, event.getJobId(), event,
                        TraceParent.add(JobEventHeaders.of(event, JobEventHeaders.INGEST_SOURCE), traceparent)),
                (metadata, error) -> {
                    if (error != null) {
                        stored.completeExceptionally(error);
                    } else {
                        stored.complete(metadata);
                    }
                });
        return stored;
    }

    /**
     * Makes the producer and fetches the topic's metadata now, at start-up, so that the first job's
     * {@code started} event does not wait for metadata, connections and the idempotent producer's id.
     * A cluster that does not answer is logged, not fatal: the first event then pays, as before.
     */
    public void warm() {
        try {
            producer().partitionsFor(Topics.JOB_DELTAS.name());
        } catch (KafkaException e) {
            log.warn("Could not fetch the metadata of {} at start-up: {}", Topics.JOB_DELTAS.name(), e.getMessage());
        }
    }

    @Override
    public void flush() {
        Producer<String, JobEvent> current = current();
        if (current != null) {
            current.flush();
        }
    }

    @Override
    public void discardUnsent() {
        Producer<String, JobEvent> dropped;
        synchronized (this) {
            dropped = producer;
            producer = null;
        }
        if (dropped != null) {
            dropped.close(Duration.ZERO);
        }
    }

    @Override
    public void close() {
        Producer<String, JobEvent> closing;
        synchronized (this) {
            closing = producer;
            producer = null;
        }
        if (closing != null) {
            closing.close(closeTimeout);
        }
    }

    private synchronized Producer<String, JobEvent> producer() {
        if (producer == null) {
            producer = producers.get();
        }
        return producer;
    }

    private synchronized @Nullable Producer<String, JobEvent> current() {
        return producer;
    }
}
