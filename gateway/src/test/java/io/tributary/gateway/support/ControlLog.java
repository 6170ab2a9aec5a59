package io.tributary.gateway.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tributary.schema.JobCommand;
import io.tributary.schema.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads {@code jobs.control} on a real broker, as the ingest would, to see the commands a test caused. */
public final class ControlLog implements AutoCloseable {

    /** A command as it lies in the log. */
    public record Written(String key, int partition, JobCommand command) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<TopicPartition> partitions;

    public ControlLog(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer());
        partitions = consumer.partitionsFor(Topics.JOB_CONTROL.name(), Duration.ofSeconds(10)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
    }

    /**
     * Every command of the job that the log holds now, in log order: the whole topic is read up to the
     * end offsets of this moment, so what an acknowledged write put there is certainly included.
     */
    public synchronized List<Written> commandsOf(String jobId) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
        consumer.seekToBeginning(partitions);
        List<Written> found = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("jobs.control could not be read up to " + ends + " within 10s");
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (jobId.equals(record.key()) && record.offset() < ends.get(new TopicPartition(record.topic(),
                        record.partition()))) {
                    found.add(new Written(record.key(), record.partition(),
                            Topics.JOB_CONTROL.valueSerde().deserializer().deserialize(record.topic(), record.value())));
                }
            }
        }
        return found;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
