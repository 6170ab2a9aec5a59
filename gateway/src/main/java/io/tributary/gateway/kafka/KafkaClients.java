package io.tributary.gateway.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Builds the gateway's Kafka clients from {@link KafkaClientSettings}, each with Kafka's own client
 * metrics bound to the application's registry (Micrometer's {@link KafkaClientMetrics}), so that
 * {@code kafka_consumer_*} and {@code kafka_producer_*} series with a {@code client_id} tag appear on
 * {@code /actuator/prometheus}: the live tail's records lag among them, and how many consumers the
 * gateway holds. The clients are built by hand (no Spring factory adds the meters), so the meters are
 * bound here and removed when the client is closed, whoever closes it.
 *
 * <p>One daemon thread, shared by every client, picks up the metrics Kafka adds after a client starts
 * (per-partition lag appears with the first fetch of the partition).
 */
public final class KafkaClients implements AutoCloseable {

    /** How soon metrics that Kafka adds later (a partition's lag) appear; each refresh scans a client's metrics. */
    private static final Duration METRICS_REFRESH = Duration.ofSeconds(10);

    private final KafkaClientSettings settings;
    private final MeterRegistry registry;
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tributary-kafka-metrics");
        thread.setDaemon(true);
        return thread;
    });

    public KafkaClients(KafkaClientSettings settings, MeterRegistry registry) {
        this.settings = settings;
        this.registry = registry;
    }

    /**
     * A reader with the settings of {@link KafkaClientSettings#consumer}; its client id ends with
     * {@code role}, which names it in the metrics.
     */
    public KafkaConsumer<String, byte[]> consumer(String role, String resetTo) {
        return new MeteredConsumer(settings.consumer(role, resetTo), this);
    }

    /** A reader of history with the settings of {@link KafkaClientSettings#catchUpConsumer}. */
    public KafkaConsumer<String, byte[]> catchUpConsumer(String role) {
        return new MeteredConsumer(settings.catchUpConsumer(role), this);
    }

    /** A producer with the settings of {@link KafkaClientSettings#producer}; its client id ends with {@code role}. */
    public <K, V> KafkaProducer<K, V> producer(String role, Duration timeout, Serializer<K> keySerializer,
            Serializer<V> valueSerializer) {
        return producer(role, timeout, keySerializer, valueSerializer, Map.of());
    }

    /** The same, with some settings of its own (a larger {@code max.request.size}, say). */
    public <K, V> KafkaProducer<K, V> producer(String role, Duration timeout, Serializer<K> keySerializer,
            Serializer<V> valueSerializer, Map<String, Object> overrides) {
        Map<String, Object> producerSettings = settings.producer(role, timeout);
        producerSettings.putAll(overrides);
        return new MeteredProducer<>(producerSettings, keySerializer, valueSerializer, this);
    }

    private KafkaClientMetrics bind(KafkaClientMetrics metrics) {
        metrics.bindTo(registry);
        return metrics;
    }

    /** Stops the refreshing thread; the clients' own meters go with each client. */
    @Override
    public void close() {
        refresher.shutdownNow();
    }

    /** A consumer whose meters are removed when it is closed, by any of its close methods. */
    private static final class MeteredConsumer extends KafkaConsumer<String, byte[]> {

        private final KafkaClientMetrics metrics;

        MeteredConsumer(Map<String, Object> settings, KafkaClients clients) {
            super(settings);
            this.metrics = clients.bind(new KafkaClientMetrics(this, List.of(), clients.refresher, METRICS_REFRESH));
        }

        @Override
        public void close() {
            try {
                super.close();
            } finally {
                metrics.close();
            }
        }

        @Override
        @SuppressWarnings("deprecation")
        public void close(Duration timeout) {
            try {
                super.close(timeout);
            } finally {
                metrics.close();
            }
        }

        @Override
        public void close(CloseOptions options) {
            try {
                super.close(options);
            } finally {
                metrics.close();
            }
        }
    }

    /** A producer whose meters are removed when it is closed. */
    private static final class MeteredProducer<K, V> extends KafkaProducer<K, V> {

        private final KafkaClientMetrics metrics;

        MeteredProducer(Map<String, Object> settings, Serializer<K> keySerializer,
                Serializer<V> valueSerializer, KafkaClients clients) {
            super(settings, keySerializer, valueSerializer);
            this.metrics = clients.bind(new KafkaClientMetrics(this, List.of(), clients.refresher, METRICS_REFRESH));
        }

        @Override
        public void close() {
            try {
                super.close();
            } finally {
                metrics.close();
            }
        }

        @Override
        public void close(Duration timeout) {
            try {
                super.close(timeout);
            } finally {
                metrics.close();
            }
        }
    }
}
