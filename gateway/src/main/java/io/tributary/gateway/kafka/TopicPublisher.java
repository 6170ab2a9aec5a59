package io.tributary.gateway.kafka;

import java.time.Duration;
import java.util.Map;

import io.tributary.schema.topic.Topic;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Writes records of one topic on behalf of users (inbox marks, thread preferences), configured like
 * the command producer ({@link KafkaClientSettings#producer}): idempotent, {@code acks=all}, no linger,
 * every wait bounded, so that a write acknowledged is on every in-sync replica and an unreachable
 * cluster answers the request in time. One producer serves every request (it is thread-safe). Each
 * record carries its CloudEvents attributes ({@link GatewayCloudEvents}).
 */
public final class TopicPublisher<V> implements AutoCloseable {

    private final Topic<String, V> topic;
    private final Producer<String, V> producer;

    /**
     * @param role names the producer in the broker's logs and metrics
     * @param timeout bounds each wait of a send; past it the send fails
     */
    public TopicPublisher(KafkaClients clients, Topic<String, V> topic, String role, Duration timeout) {
        this(clients, topic, role, timeout, Map.of());
    }

    /** @param overrides producer settings of its own, over the command producer's */
    public TopicPublisher(KafkaClients clients, Topic<String, V> topic, String role, Duration timeout,
            Map<String, Object> overrides) {
        this.topic = topic;
        this.producer = clients.producer(role, timeout, topic.keySerde().serializer(), topic.valueSerde().serializer(),
                overrides);
    }

    /**
     * Writes the record; completes with where it lies once every in-sync replica has it, or fails. The
     * send runs off the caller's thread: before its first write the producer blocks for the topic's
     * metadata, which must never hold an event-loop thread.
     */
    public Mono<RecordMetadata> publish(String key, @Nullable V value) {
        ProducerRecord<String, V> record = new ProducerRecord<>(topic.name(), null, key, value,
                GatewayCloudEvents.headers(topic.name(), key, value));
        return Mono.<RecordMetadata>create(sink -> producer.send(record, (written, error) -> {
                    if (error != null) {
                        sink.error(error);
                    } else {
                        sink.success(written);
                    }
                }))
                .subscribeOn(Schedulers.boundedElastic());
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
