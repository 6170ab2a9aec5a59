package io.tributary.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;

import io.tributary.processor.notify.NotificationComposer;
import io.tributary.processor.topology.JobStateTopology;
import io.tributary.processor.topology.NotificationTopology;
import io.tributary.schema.FailureReason;
import io.tributary.schema.InstanceLease;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobState;
import io.tributary.schema.JobStatus;
import io.tributary.schema.Notification;
import io.tributary.schema.ThreadPreference;
import io.tributary.schema.ViewerPresence;
import io.tributary.schema.topic.RecordKeys;
import io.tributary.schema.topic.Topic;
import io.tributary.schema.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.annotation.KafkaStreamsDefaultConfiguration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * Notifications from the processor as it runs: the Spring application under exactly-once on an
 * in-process KRaft broker, fed job events, viewer presence and thread preferences through the topics.
 * Its configuration is the same as {@link ProcessorIT}'s on purpose, so that Spring's test context
 * cache runs both on one broker and one application (jobs ids differ, so neither sees the other's jobs).
 *
 * <p>How "no notification" is asserted without waiting for a while: a job's terminal state on
 * {@code jobs.state} and its notification are written by the same task in the same Streams transaction
 * (or the notification in an earlier one), so once a read_committed consumer sees the terminal state,
 * the job's notification, if there is one, is readable too.
 */
@RunningProcessor
class NotificationIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrapServers;

    @LocalServerPort
    private int port;

    @Autowired
    @Qualifier(KafkaStreamsDefaultConfiguration.DEFAULT_STREAMS_BUILDER_BEAN_NAME)
    private StreamsBuilderFactoryBean streams;

    /** Without a live lease, the sweeper would end a job of the owner as an orphan (and notify it). */
    @BeforeEach
    void keepTheOwnerAlive() throws Exception {
        InstanceLease lease = Leases.alive(ProcessorIT.LIVE_OWNER, Instant.now(), Instant.now().plus(Duration.ofHours(1)));
        send(Topics.INGEST_LEASES, lease.getInstanceId(), lease);
        awaitStored(JobStateTopology.LEASE_STORE, lease.getInstanceId(), lease);
    }

    @Test
    void shouldNotifyExactlyOncePerFinishedJobWhateverFollowsItsEnd() throws Exception {
        JobEvents completed = jobStartingNow("nit-completed");
        JobEvents failed = jobStartingNow("nit-failed");
        JobEvents aborted = jobStartingNow("nit-aborted");
        JobEvent completion = completed.completed(2, "stop");
        produce(List.of(
                completed.started(), failed.started(), aborted.started(),
                completed.text(1, "Hello"), failed.text(1, "Half"), aborted.text(1, "Hal"),
                completion, failed.failed(2, FailureReason.UPSTREAM_ERROR, "Upstream said 502"), aborted.aborted(2, "user"),
                // A redelivered terminal, a second terminal and stray events: none may notify again.
                completion, completed.failed(3, "late failure"), failed.text(3, "stray"), aborted.completed(3, "stop")));

        awaitTerminalStates(Set.of(completed.jobId(), failed.jobId(), aborted.jobId()));

        Map<String, List<Notification>> byJob = notificationsByJob();
        assertThat(byJob.get(completed.jobId())).singleElement().satisfies(notification -> {
            assertThat(notification.getId()).isEqualTo(NotificationComposer.notificationId(completed.jobId()));
            assertThat(notification.getUserId()).isEqualTo(completed.userId());
            assertThat(notification.getType()).isEqualTo("ai.message.received");
            assertThat(notification.getOutcome()).isEqualTo(JobStatus.COMPLETE);
        });
        assertThat(byJob.get(failed.jobId())).singleElement().satisfies(notification -> {
            assertThat(notification.getType()).isEqualTo("system.warning");
            assertThat(notification.getBody()).isEqualTo("Upstream said 502");
        });
        assertThat(byJob.get(aborted.jobId())).singleElement()
                .extracting(Notification::getTitle).isEqualTo("AI response stopped");
        assertThat(prometheus()).contains("tributary_processor_notifications_sent_total{type=\"ai.message.received\"}",
                "tributary_processor_notifications_suppressed_total{reason=\"watched\"}",
                "tributary_processor_presence_applied_total{kind=\"joined\"}");
    }

    @Test
    void shouldNotNotifyAJobAViewerWatchedToItsEndNorAJobOfAMutedThread() throws Exception {
        JobEvents watched = jobStartingNow("nit-watched");
        JobEvents muted = jobStartingNow("nit-muted");
        JobEvents unwatched = jobStartingNow("nit-unwatched");

        ViewerPresence joined = Presences.of(watched.jobId(), "gateway-it", "c-1")
                .joined(Instant.now().minusSeconds(1), Instant.now().plus(Duration.ofMinutes(5)));
        send(Topics.JOB_VIEWERS, watched.jobId(), joined);
        ThreadPreference mute = ThreadPreference.newBuilder().setUserId(muted.userId())
                .setThreadId("thread-" + muted.jobId()).setMuted(true).setUpdatedAt(Instant.now()).build();
        String muteKey = RecordKeys.thread(mute.getUserId(), mute.getThreadId());
        send(Topics.THREAD_PREFS, muteKey, mute);
        // Both facts are in the processor's stores before the jobs end.
        await().atMost(PATIENCE).ignoreExceptions().until(() -> store(NotificationTopology.PRESENCE_STORE).get(watched.jobId()) != null);
        awaitStored(NotificationTopology.THREAD_PREFERENCE_STORE, muteKey, mute);

        produce(List.of(watched.started(), muted.started(), unwatched.started(),
                watched.text(1, "seen"), muted.text(1, "quiet"), unwatched.text(1, "missed"),
                watched.completed(2, "stop"), muted.completed(2, "stop"), unwatched.completed(2, "stop")));

        awaitTerminalStates(Set.of(watched.jobId(), muted.jobId(), unwatched.jobId()));

        Map<String, List<Notification>> byJob = notificationsByJob();
        assertThat(byJob).doesNotContainKeys(watched.jobId(), muted.jobId());
        assertThat(byJob.get(unwatched.jobId())).as("the same path notifies a job nobody watched").hasSize(1);
        await().atMost(PATIENCE).ignoreExceptions()
                .until(() -> store(NotificationTopology.PRESENCE_STORE).get(watched.jobId()) == null);
    }

    private void awaitTerminalStates(Set<String> jobIds) {
        Map<String, JobState> latest = new HashMap<>();
        try (KafkaConsumer<String, JobState> states = consumer(Topics.JOB_STATE)) {
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
                states.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (jobIds.contains(record.key())) {
                        latest.put(record.key(), record.value());
                    }
                });
                return jobIds.stream().allMatch(jobId -> latest.get(jobId) != null
                        && latest.get(jobId).getStatus() != JobStatus.STREAMING);
            });
        }
    }

    /** Every committed notification so far, by jobId. */
    private Map<String, List<Notification>> notificationsByJob() {
        Map<String, List<Notification>> byJob = new HashMap<>();
        try (KafkaConsumer<String, Notification> consumer = consumer(Topics.NOTIFICATIONS)) {
            Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
            List<ConsumerRecord<String, Notification>> records = new ArrayList<>();
            await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
            });
            records.forEach(record -> {
                assertThat(record.key()).isEqualTo(record.value().getUserId());
                byJob.computeIfAbsent(record.value().getJobId(), id -> new ArrayList<>()).add(record.value());
            });
        }
        return byJob;
    }

    /** Sends the events in this order (one producer, so each job's stay in order on its partition). */
    private void produce(List<JobEvent> events) throws Exception {
        List<Future<?>> sent = new ArrayList<>();
        try (KafkaProducer<String, JobEvent> producer = producer(Topics.JOB_DELTAS)) {
            for (JobEvent event : events) {
                sent.add(producer.send(new ProducerRecord<>(Topics.JOB_DELTAS.name(), event.getJobId(), event)));
            }
        }
        for (Future<?> future : sent) {
            future.get();
        }
    }

    private <V> void send(Topic<String, V> topic, String key, V value) throws Exception {
        try (KafkaProducer<String, V> producer = producer(topic)) {
            producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
        }
    }

    private <V> void awaitStored(String storeName, String key, V value) {
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() ->
                assertThat(this.<V>store(storeName).get(key)).isEqualTo(value));
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        return streams.getKafkaStreams().store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore()));
    }

    private <V> KafkaProducer<String, V> producer(Topic<String, V> topic) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all"),
                topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    /** Reads the whole topic, from the beginning, as a read_committed consumer. */
    private <V> KafkaConsumer<String, V> consumer(Topic<String, V> topic) {
        KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < RunningProcessor.PARTITIONS; p++) {
            partitions.add(new TopicPartition(topic.name(), p));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    private String prometheus() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/prometheus")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static JobEvents jobStartingNow(String jobId) {
        return JobEvents.forJob(jobId).ownedBy(ProcessorIT.LIVE_OWNER).startingAt(Instant.now());
    }
}
