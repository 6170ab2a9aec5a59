package io.tributary.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's clients carry Kafka's client metrics from their construction to their close. No broker:
 * a client registers its metrics when it is built, before it connects anywhere.
 */
class KafkaClientsTest {

    /** Nothing listens there; the clients are closed before they would need an answer. */
    private static final Map<String, Object> NO_BROKER = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
            "localhost:9");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final KafkaClients clients = new KafkaClients(new KafkaClientSettings(NO_BROKER, NO_BROKER), registry);

    @AfterEach
    void close() {
        clients.close();
    }

    @Test
    void shouldExposeAConsumersMetricsTaggedWithAClientIdThatNamesItsRoleUntilItIsClosed() {
        KafkaConsumer<String, byte[]> consumer = clients.consumer("live-tail", "latest");

        Set<String> clientIds = clientIds("kafka.consumer.");
        assertThat(clientIds).singleElement().asString().startsWith("tributary-gateway-").endsWith("-live-tail");
        assertThat(registry.find("kafka.consumer.fetch.manager.records.lag.max").meters())
                .as("the consumer lag issue 6 asks for").isNotEmpty();

        consumer.close();

        assertThat(clientIds("kafka.consumer.")).isEmpty();
    }

    @Test
    void shouldExposeEachConsumerUnderItsOwnClientId() {
        try (KafkaConsumer<String, byte[]> first = clients.consumer("catch-up-0", "earliest");
                KafkaConsumer<String, byte[]> second = clients.consumer("catch-up-1", "earliest")) {
            assertThat(clientIds("kafka.consumer.")).hasSize(2)
                    .anyMatch(id -> id.endsWith("-catch-up-0"))
                    .anyMatch(id -> id.endsWith("-catch-up-1"));
        }
        assertThat(clientIds("kafka.consumer.")).isEmpty();
    }

    @Test
    void shouldExposeAProducersMetricsUntilItIsClosed() {
        KafkaProducer<String, String> producer = clients.producer("commands", Duration.ofSeconds(1),
                new StringSerializer(), new StringSerializer());

        assertThat(clientIds("kafka.producer.")).singleElement().asString().endsWith("-commands");

        producer.close(Duration.ZERO);

        assertThat(clientIds("kafka.producer.")).isEmpty();
    }

    private Set<String> clientIds(String prefix) {
        return registry.getMeters().stream()
                .map(Meter::getId)
                .filter(id -> id.getName().startsWith(prefix))
                .map(id -> id.getTag("client.id"))
                .filter(id -> id != null)
                .collect(Collectors.toSet());
    }
}
