package io.tributary.bench.state;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;

/**
 * Reads a topic from its beginning to the end offsets it had when the read began, and counts, per
 * job, the records and bytes (serialized key + value, as the producer wrote them) whose key is one of
 * the given job ids. Uncommitted reads: records of an aborted transaction were written too, so they
 * count.
 */
final class TopicBytes {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    /** What one job wrote to one topic. */
    record Written(long records, long bytes) {

        static final Written NONE = new Written(0, 0);

        Written plus(Written other) {
            return new Written(records + other.records, bytes + other.bytes);
        }
    }

    private final String bootstrapServers;

    TopicBytes(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Counts each job's records of {@code topic}, a record being a job's when its key is the job id;
     * every record of those jobs also goes to {@code onRecord}, in log order per job (for the checks of
     * what the records hold).
     */
    Map<String, Written> count(String topic, Set<String> jobIds, BiConsumer<String, byte @Nullable []> onRecord) {
        return count(topic, key -> key, jobIds, (jobId, key, value) -> onRecord.accept(jobId, value));
    }

    /** Receives a job's record: the job id, the record's key and its value (null for a tombstone). */
    interface RecordSink {
        void accept(String jobId, String key, byte @Nullable [] value);
    }

    /**
     * Counts each job's records of {@code topic}; {@code jobOf} names the job a record key belongs to
     * (for stores that keep several keys per job).
     */
    Map<String, Written> count(String topic, Function<String, String> jobOf, Set<String> jobIds, RecordSink onRecord) {
        Map<String, Written> written = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (!readToEnd(consumer, ends)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read " + topic + " to its end within " + READ_TIMEOUT);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (record.key() == null) {
                        continue;
                    }
                    String key = new String(record.key(), StandardCharsets.UTF_8);
                    String jobId = jobOf.apply(key);
                    if (jobIds.contains(jobId)) {
                        int bytes = Math.max(0, record.serializedKeySize()) + Math.max(0, record.serializedValueSize());
                        written.merge(jobId, new Written(1, bytes), Written::plus);
                        onRecord.accept(jobId, key, record.value());
                    }
                }
            }
        }
        return written;
    }

    private static boolean readToEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }

    private Properties settings() {
        Properties settings = new Properties();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        return settings;
    }
}
