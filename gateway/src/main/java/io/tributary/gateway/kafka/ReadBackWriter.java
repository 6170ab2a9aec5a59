package io.tributary.gateway.kafka;

import java.time.Duration;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import reactor.core.publisher.Mono;

/**
 * Read-your-writes for a replicated topic: writes a record and completes only once this gateway's
 * replica has applied it. A user who changed something and asks again, here or (once it has caught up)
 * at any other gateway, sees the change, because every gateway builds its view from the same topic
 * rather than from what it wrote itself.
 */
public final class ReadBackWriter<V> {

    private final TopicPublisher<V> publisher;
    private final TopicReplica replica;
    private final Duration readBackTimeout;

    /** @param readBackTimeout how long to wait for the replica to apply an acknowledged write */
    public ReadBackWriter(TopicPublisher<V> publisher, TopicReplica replica, Duration readBackTimeout) {
        this.publisher = publisher;
        this.replica = replica;
        this.readBackTimeout = readBackTimeout;
    }

    /**
     * Completes with where the record lies once it is acknowledged and applied; fails if Kafka does not
     * take it in time or the replica does not read it back in time (the write may then still count).
     */
    public Mono<RecordMetadata> write(String key, V value) {
        return publisher.publish(key, value)
                .flatMap(written -> replica.awaitApplied(
                                new TopicPartition(written.topic(), written.partition()), written.offset(), readBackTimeout)
                        .thenReturn(written));
    }
}
