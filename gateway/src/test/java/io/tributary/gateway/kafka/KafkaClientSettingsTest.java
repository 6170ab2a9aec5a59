package io.tributary.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

/** What the gateway fixes in its readers' settings, whatever the application configures. */
class KafkaClientSettingsTest {

    private final KafkaClientSettings settings = new KafkaClientSettings(
            Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092", ConsumerConfig.GROUP_ID_CONFIG, "ignored",
                    ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500),
            Map.of());

    @Test
    void shouldHoldACatchUpReadersFetchesBrieflySoThatItsNextReadDoesNotWaitForAFetchSentAtTheEndOfTheLast() {
        Map<String, Object> catchUp = settings.catchUpConsumer("catch-up-0");

        assertThat(catchUp).containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10)
                .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
                .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .containsEntry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092")
                .doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG);
        assertThat((String) catchUp.get(ConsumerConfig.CLIENT_ID_CONFIG)).endsWith("-catch-up-0");
    }

    @Test
    void shouldLeaveOtherReadersWithTheApplicationsFetchWait() {
        assertThat(settings.consumer("live-tail", "latest")).containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500);
    }
}
