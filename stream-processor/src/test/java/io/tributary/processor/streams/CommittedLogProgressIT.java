package io.tributary.processor.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/** The progress the sweeper waits for, read from a real broker: the group's committed offsets against the log's ends. */
@EmbeddedKafka(partitions = 2, topics = CommittedLogProgressIT.TOPIC)
class CommittedLogProgressIT {

    static final String TOPIC = "progress-deltas";
    private static final String GROUP = "progress-application";

    private final EmbeddedKafkaBroker broker;
    private Admin admin;
    private KafkaProducer<String, String> producer;
    private CommittedLogProgress progress;

    CommittedLogProgressIT(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    @BeforeEach
    void connect() {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()));
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new StringSerializer(), new StringSerializer());
        progress = new CommittedLogProgress(Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString())), GROUP, TOPIC, Duration.ofSeconds(1), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        producer.close();
        admin.close();
        progress.stop();
    }

    @Test
    void shouldBeCaughtUpWithAPartitionOnlyOnceTheGroupHasCommittedPastWhatWasWrittenBeforeTheTimeAsked() throws Exception {
        for (int i = 0; i < 3; i++) {
            producer.send(new ProducerRecord<>(TOPIC, 0, "job", "event " + i)).get();
        }
        Instant afterThreeEvents = Instant.now();
        progress.refresh();

        assertThat(progress.hasProcessedWrittenBefore(0, afterThreeEvents)).as("nothing committed yet").isFalse();
        assertThat(progress.hasProcessedWrittenBefore(1, afterThreeEvents)).as("an empty partition").isTrue();

        commit(0, 2);
        progress.refresh();
        assertThat(progress.hasProcessedWrittenBefore(0, afterThreeEvents)).as("one event not processed").isFalse();

        commit(0, 3);
        progress.refresh();
        assertThat(progress.hasProcessedWrittenBefore(0, afterThreeEvents)).isTrue();

        producer.send(new ProducerRecord<>(TOPIC, 0, "job", "event 3")).get();
        Instant afterFourEvents = Instant.now();
        progress.refresh();
        assertThat(progress.hasProcessedWrittenBefore(0, afterThreeEvents))
                .as("still caught up with what was written before the earlier time").isTrue();
        assertThat(progress.hasProcessedWrittenBefore(0, afterFourEvents)).isFalse();
    }

    private void commit(int partition, long offset) throws Exception {
        admin.alterConsumerGroupOffsets(GROUP, Map.of(new TopicPartition(TOPIC, partition), new OffsetAndMetadata(offset)))
                .all().get(10, TimeUnit.SECONDS);
    }
}
