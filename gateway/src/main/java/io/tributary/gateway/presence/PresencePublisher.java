package io.tributary.gateway.presence;

import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.gateway.kafka.GatewayCloudEvents;
import io.tributary.gateway.kafka.KafkaClients;
import io.tributary.schema.PresenceKind;
import io.tributary.schema.ViewerPresence;
import io.tributary.schema.topic.Topic;
import io.tributary.schema.topic.Topics;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes presence records to {@code jobs.viewers}, keyed by jobId, so that they sit on the partition of
 * the same number as the job's events, where the processor reads both in one task. Fire and forget: a
 * viewer never waits for its presence; a record Kafka refuses is logged and counted (the processor then
 * misses a viewer, and at worst sends a notification the user did not need). The producer is idempotent
 * with {@code acks=all}, so a retried record is written once; one producer serves every connection.
 */
public final class PresencePublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PresencePublisher.class);
    private static final Topic<String, ViewerPresence> TOPIC = Topics.JOB_VIEWERS;

    private final Producer<String, ViewerPresence> producer;
    private final MeterRegistry registry;
    private final Counter failures;

    /**
     * @param sendTimeout bounds the wait for metadata and each request
     * @param retryFor how long a record is retried before it is dropped: the presence lease
     */
    public PresencePublisher(KafkaClients clients, Duration sendTimeout, Duration retryFor, MeterRegistry registry) {
        this.producer = clients.producer("presence", sendTimeout, TOPIC.keySerde().serializer(),
                TOPIC.valueSerde().serializer(), Map.of(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                        (int) Math.max(retryFor.toMillis(), sendTimeout.toMillis())));
        this.registry = registry;
        this.failures = Counter.builder("tributary.gateway.presence.failures")
                .description("Presence records Kafka did not take; each may cost a needless notification")
                .register(registry);
    }

    /**
     * Sends the record; returns at once unless the producer must first fetch the topic's metadata
     * (bounded by the send timeout), which is why callers send from their own thread, never an event loop.
     */
    void publish(ViewerPresence presence) {
        ProducerRecord<String, ViewerPresence> record = new ProducerRecord<>(TOPIC.name(), null,
                presence.getAt().toEpochMilli(), presence.getJobId(), presence,
                GatewayCloudEvents.headers(TOPIC.name(), presence.getJobId(), presence));
        try {
            producer.send(record, (written, error) -> {
                if (error == null) {
                    sent(presence.getKind()).increment();
                } else {
                    failed(presence, error);
                }
            });
        } catch (RuntimeException e) {
            // Metadata did not come within the timeout, or the producer is closed.
            failed(presence, e);
        }
    }

    private Counter sent(PresenceKind kind) {
        // Micrometer keeps one counter per name and tags; builder lookups after the first are cheap.
        return Counter.builder("tributary.gateway.presence.published")
                .description("Presence records written to jobs.viewers, by kind")
                .tag("kind", kind.name().toLowerCase(java.util.Locale.ROOT))
                .register(registry);
    }

    private void failed(ViewerPresence presence, Exception error) {
        failures.increment();
        log.warn("Could not write presence {} of connection {} to job {}: {}", presence.getKind(),
                presence.getConnectionId(), presence.getJobId(), error.toString());
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
