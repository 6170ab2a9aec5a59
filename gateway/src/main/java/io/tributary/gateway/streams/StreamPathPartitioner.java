package io.tributary.gateway.streams;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.utils.Utils;

/**
 * Puts every operation of one stream in one partition, whatever its key's operation id: the partition
 * Kafka's default partitioner would give the stream's path as a key (murmur2), so that one stream's
 * operations are in one order.
 */
public final class StreamPathPartitioner implements Partitioner {

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
        byte[] path = StreamLogKeys.path((String) key).getBytes(StandardCharsets.UTF_8);
        return Utils.toPositive(Utils.murmur2(path)) % cluster.partitionCountForTopic(topic);
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
