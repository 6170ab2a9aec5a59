package io.tributary.gateway.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Kafka client settings of the gateway. They start from the application's {@code spring.kafka.*}
 * consumer and producer settings (bootstrap servers, security) and then fix what the gateway needs,
 * whatever is configured.
 *
 * <p>Readers:
 * <ul>
 * <li>no consumer group and no committed offsets: every reader assigns partitions itself and decides
 *     where to start (the gateway holds no position that Kafka must remember; a restart rebuilds);</li>
 * <li>{@code read_committed}: the processor writes transactionally;</li>
 * <li>no topic auto-creation: a reader that starts before the topics exist must not create them with the
 *     broker's defaults (the wrong partition count); it waits for them instead;</li>
 * <li>String keys and raw values: values are decoded by the reader, so that one unreadable record is
 *     skipped instead of stopping the consumer, and the tail decodes only the records someone watches.</li>
 * </ul>
 *
 * <p>The command producer: idempotent with {@code acks=all} (a command acknowledged is on every in-sync
 * replica, and a retry never writes it twice), no linger (one small record, and a user is waiting),
 * and every wait bounded by the command timeout, so that an unreachable cluster answers the request in
 * time instead of holding it for Kafka's minute-long defaults.
 */
public final class KafkaClientSettings {

    /** How long the broker may hold a catch-up reader's fetch; see {@link #catchUpConsumer}. */
    static final int CATCH_UP_FETCH_MAX_WAIT_MS = 10;

    private final Map<String, Object> consumerBase;
    private final Map<String, Object> producerBase;
    private final String instance = UUID.randomUUID().toString().substring(0, 8);

    public KafkaClientSettings(Map<String, Object> applicationConsumerSettings,
            Map<String, Object> applicationProducerSettings) {
        this.consumerBase = Map.copyOf(applicationConsumerSettings);
        this.producerBase = Map.copyOf(applicationProducerSettings);
    }

    /**
     * Settings of one reader.
     *
     * @param role names the client in the broker's logs and metrics
     * @param resetTo where to start when no position is set or the position has been deleted:
     *     {@code earliest} or {@code latest}
     */
    public Map<String, Object> consumer(String role, String resetTo) {
        Map<String, Object> settings = new HashMap<>(consumerBase);
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

    /**
     * Settings of a catch-up reader: a reader (from the earliest offset left, for a start that retention
     * has deleted) that reads a bounded range of one partition and then waits in the pool for the next.
     * It holds fetches for at most {@value #CATCH_UP_FETCH_MAX_WAIT_MS} ms instead of Kafka's 500: as a read
     * ends, the consumer has already sent its next fetch, which the broker holds for the whole wait on a
     * quiet partition, and the consumer sends no new fetch to that broker while one is pending. So the next
     * read on that consumer, of another job, waited up to 500 ms before its first record (measured with
     * the bench's reattach workload: 510 to 539 ms per read, 18 to 102 ms with 10 ms).
     */
    public Map<String, Object> catchUpConsumer(String role) {
        Map<String, Object> settings = consumer(role, "earliest");
        settings.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, CATCH_UP_FETCH_MAX_WAIT_MS);
        return settings;
    }

    /**
     * Settings of the producer of commands; its serializers are given to the producer as objects.
     *
     * @param timeout bounds each wait of a send: for metadata, for one request, for the acknowledgement
     */
    public Map<String, Object> producer(String role, Duration timeout) {
        Map<String, Object> settings = new HashMap<>(producerBase);
        // Transactions, and retry settings that could contradict idempotence, are not the gateway's to take.
        settings.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        settings.remove(ProducerConfig.RETRIES_CONFIG);
        settings.remove(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "tributary-gateway-" + instance + "-" + role);
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (long) millis);
        // delivery.timeout.ms must be at least linger.ms + request.timeout.ms: equal, with no linger.
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis);
        return settings;
    }
}
