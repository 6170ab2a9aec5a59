package io.tributary.gateway.kafka;

import io.tributary.schema.topic.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A topic a {@link TopicReplica} reads, paired with the view that applies its records, so that one
 * replica can feed several topics of different value types to their views.
 */
public record ReplicatedTopic<V>(Topic<String, V> topic, ReplicatedTopic.View<V> view) {

    /**
     * Where a replica puts the records of one topic. Called on the replica's thread only, in log order
     * per partition; it must return quickly, since the replica applies nothing else meanwhile.
     */
    @FunctionalInterface
    public interface View<V> {
        void apply(ReplicatedRecord<V> record);
    }

    public String name() {
        return topic.name();
    }

    /**
     * Decodes the record with the topic's serde and applies it.
     *
     * @throws org.apache.kafka.common.errors.SerializationException if the value cannot be decoded
     */
    void apply(String key, ConsumerRecord<String, byte[]> record) {
        V value = topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
        view.apply(new ReplicatedRecord<>(key, value, record.partition(), record.offset()));
    }
}
