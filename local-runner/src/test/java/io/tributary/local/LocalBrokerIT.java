package io.tributary.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.tributary.schema.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local broker as the stack runs it: a real {@code kafka.Kafka} child process from this module's
 * classpath, formatted in a fresh folder, then restarted on the same folder. The tests share one broker
 * and run in order, the restart last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalBrokerIT {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final String TOPIC = "local-broker-it";

    @TempDir
    static Path dataDir;
    private static BrokerConfig config;
    private static LocalBroker broker;

    @BeforeAll
    static void startBroker() {
        config = new BrokerConfig(dataDir, ServiceProcessTest.freePort(), ServiceProcessTest.freePort());
        broker = LocalBroker.start(config, dataDir.resolve("kafka.log")).awaitReady(READY_TIMEOUT);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.process().kill();
        }
    }

    @Test
    @Order(1)
    void shouldFormatTheStorageOnFirstStart() {
        assertThat(config.isFormatted()).isTrue();
        assertThat(dataDir.resolve(BrokerStorage.FORMAT_LOG)).exists();
        assertThat(broker.process().isAlive()).isTrue();
    }

    @Test
    @Order(2)
    void shouldCreateTributarysTopicsOnceWithTheirCleanupPolicies() throws Exception {
        List<String> created = LocalTopics.createMissing(broker.bootstrapServers());
        List<String> createdAgain = LocalTopics.createMissing(broker.bootstrapServers());

        assertThat(created).containsExactlyInAnyOrder(
                Topics.JOB_DELTAS.name(), Topics.JOB_STATE.name(), Topics.JOB_CONTROL.name(), Topics.INGEST_LEASES.name(),
                Topics.JOB_VIEWERS.name(), Topics.THREAD_PREFS.name(), Topics.NOTIFICATIONS.name(),
                Topics.NOTIFICATION_MARKS.name(), Topics.AUDIT_ACCESS.name(), Topics.ANALYTICS_USAGE.name(),
                Topics.STREAMS_LOG.name());
        assertThat(createdAgain).isEmpty();
        try (Admin admin = admin()) {
            assertThat(admin.describeTopics(Set.of(Topics.JOB_STATE.name())).allTopicNames().get()
                    .get(Topics.JOB_STATE.name()).partitions()).hasSize(LocalTopics.PARTITIONS);
            ConfigResource state = new ConfigResource(ConfigResource.Type.TOPIC, Topics.JOB_STATE.name());
            Config stateConfig = admin.describeConfigs(Set.of(state)).all().get().get(state);
            assertThat(stateConfig.get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    @Test
    @Order(3)
    void shouldKeepTopicsAndRecordsAcrossARestart() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(Set.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(TOPIC, "job-1", "kept on disk")).get(30, TimeUnit.SECONDS);
        }
        String clusterIdBefore = Files.readString(config.logDir().resolve("meta.properties"));
        FileTime formattedAt = Files.getLastModifiedTime(dataDir.resolve(BrokerStorage.FORMAT_LOG));

        assertThat(broker.stop()).as("stopped gracefully").isTrue();
        broker = LocalBroker.start(config, dataDir.resolve("kafka-restarted.log")).awaitReady(READY_TIMEOUT);

        assertThat(Files.readString(config.logDir().resolve("meta.properties"))).isEqualTo(clusterIdBefore);
        assertThat(Files.getLastModifiedTime(dataDir.resolve(BrokerStorage.FORMAT_LOG))).as("not formatted again")
                .isEqualTo(formattedAt);
        try (Admin admin = admin()) {
            assertThat(admin.listTopics().names().get()).contains(TOPIC, Topics.JOB_DELTAS.name());
        }
        assertThat(readAll()).extracting(ConsumerRecord::value).containsExactly("kept on disk");
    }

    private static List<ConsumerRecord<String, String>> readAll() {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return !records.isEmpty();
            });
        }
        return records;
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new StringSerializer());
    }
}
