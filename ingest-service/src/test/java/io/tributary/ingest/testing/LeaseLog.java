package io.tributary.ingest.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tributary.schema.InstanceLease;
import io.tributary.schema.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;

/** Reads {@code ingest.leases} from the beginning, as the processor's global table does. */
public final class LeaseLog {

    private final String bootstrapServers;

    public LeaseLog(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Every lease of the instance on the log now, in log order. */
    public List<InstanceLease> leasesOf(String instanceId) {
        return recordsOf(instanceId).stream().map(ConsumerRecord::value).toList();
    }

    /** The headers of every lease record of the instance on the log now, in log order. */
    public List<Headers> headersOf(String instanceId) {
        return recordsOf(instanceId).stream().map(ConsumerRecord::headers).toList();
    }

    private List<ConsumerRecord<String, InstanceLease>> recordsOf(String instanceId) {
        try (KafkaConsumer<String, InstanceLease> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                Topics.INGEST_LEASES.keySerde().deserializer(), Topics.INGEST_LEASES.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.INGEST_LEASES.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, InstanceLease>> leases = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Could not read ingest.leases to its end");
                }
                for (ConsumerRecord<String, InstanceLease> record : consumer.poll(Duration.ofMillis(100))) {
                    if (instanceId.equals(record.key())) {
                        leases.add(record);
                    }
                }
            }
            return leases;
        }
    }
}
