package io.tributary.gateway.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.tributary.schema.topic.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;

/** Reads a whole topic of a real broker as another service would, to see the records a test caused. */
public final class TopicContents {

    /** A record as it lies in the log, where, and its headers (as UTF-8 text, the last of each name). */
    public record Entry<V>(String key, @Nullable V value, int partition, long offset, Map<String, String> headers) {
    }

    private TopicContents() {
    }

    /** Every record with this key that the topic holds now, in log order. */
    public static <V> List<Entry<V>> withKey(String bootstrapServers, Topic<String, V> topic, String key) {
        return matching(bootstrapServers, topic, key::equals);
    }

    /** Every record whose key passes the test, in log order per partition. */
    public static <V> List<Entry<V>> matching(String bootstrapServers, Topic<String, V> topic, Predicate<String> keys) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            List<Entry<V>> found = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(topic.name() + " could not be read up to " + ends + " within 10s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null && keys.test(record.key())) {
                        found.add(new Entry<>(record.key(),
                                topic.valueSerde().deserializer().deserialize(record.topic(), record.value()),
                                record.partition(), record.offset(), headersOf(record)));
                    }
                }
            }
            return found;
        }
    }

    private static Map<String, String> headersOf(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        record.headers().forEach(header -> headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8)));
        return headers;
    }
}
