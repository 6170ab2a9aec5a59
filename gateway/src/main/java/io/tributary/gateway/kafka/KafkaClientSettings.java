package io.tributary.gateway.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Consumer settings shared by the gateway's readers. They start from the application's
 * {@code spring.kafka.*} consumer settings (bootstrap servers, security) and then fix what the
 * gateway's reads need, whatever is configured:
 * <ul>
 * <li>no consumer group and no committed offsets: every reader assigns partitions itself and decides
 *     where to start (the gateway holds no position that Kafka must remember; a restart rebuilds);</li>
 * <li>{@code read_committed}: the processor writes transactionally;</li>
 * <li>no topic auto-creation: a reader that starts before the topics exist must not create them with the
 *     broker's defaults (the wrong partition count); it waits for them instead;</li>
 * <li>String keys and raw values: values are decoded by the reader, so that one unreadable record is
 *     skipped instead of stopping the consumer, and the tail decodes only the records someone watches.</li>
 * </ul>
 */
public final class KafkaClientSettings {

    private final Map<String, Object> base;
    private final String instance = UUID.randomUUID().toString().substring(0, 8);

    public KafkaClientSettings(Map<String, Object> applicationConsumerSettings) {
        this.base = Map.copyOf(applicationConsumerSettings);
    }

    /**
     * Settings of one reader.
     *
     * @param role names the client in the broker's logs and metrics
     * @param resetTo where to start when no position is set or the position has been deleted:
     *     {@code earliest} or {@code latest}
     */
    public Map<String, Object> consumer(String role, String resetTo) {
        Map<String, Object> settings = new HashMap<>(base);
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "tributary-gateway-" + instance + "-" + role);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, resetTo);
        settings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return settings;
    }
}
