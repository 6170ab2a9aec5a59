package io.tributary.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import io.tributary.processor.sweep.JobSweeper;
import io.tributary.processor.sweep.OrphanCause;
import io.tributary.processor.topology.JobStateTopology;
import io.tributary.schema.CommandType;
import io.tributary.schema.FailureReason;
import io.tributary.schema.InstanceLease;
import io.tributary.schema.JobCommand;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobEventType;
import io.tributary.schema.JobState;
import io.tributary.schema.JobStatus;
import io.tributary.schema.LogPosition;
import io.tributary.schema.ToolCallDelta;
import io.tributary.schema.fold.JobFold;
import io.tributary.schema.topic.Topic;
import io.tributary.schema.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The processor as it runs: the Spring application with real Kafka Streams under exactly-once, on an
 * in-process KRaft broker, with the topics declared by service-support. Jobs start now (retention and
 * timeouts count from their timestamps) and belong to {@value #LIVE_OWNER}, whose lease lasts an hour,
 * unless a test says otherwise.
 */
@RunningProcessor
class ProcessorIT {

    static final String LIVE_OWNER = "ingest-1";

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrapServers;

    @LocalServerPort
    private int port;

    @Autowired
    @Qualifier(KafkaStreamsDefaultConfiguration.DEFAULT_STREAMS_BUILDER_BEAN_NAME)
    private StreamsBuilderFactoryBean streams;

    /** Without a live lease, the sweeper would end a silent job of {@value #LIVE_OWNER} as an orphan. */
    @BeforeEach
    void keepTheOwnerAlive() throws Exception {
        publishLease(Leases.alive(LIVE_OWNER, Instant.now(), Instant.now().plus(Duration.ofHours(1))));
    }

    @Test
    void shouldPublishTheExactFoldedStateOfEveryJobOnJobsState() throws Exception {
        Map<String, List<JobEvent>> jobs = new LinkedHashMap<>();
        JobEvents long1 = jobStartingNow("it-long");
        List<JobEvent> longEvents = new ArrayList<>(List.of(long1.started()));
        for (int i = 1; i <= 60; i++) {
            longEvents.add(long1.text(i, "chunk " + i + (i % 7 == 0 ? "\n" : " ")));
        }
        longEvents.add(long1.usage(61, 10, 60));
        longEvents.add(long1.completed(62, "stop"));
        jobs.put(long1.jobId(), longEvents);

        JobEvents tools = jobStartingNow("it-tools");
        jobs.put(tools.jobId(), List.of(tools.started(),
                tools.reasoning(1, "Need the weather.", "[{\"type\":\"reasoning.text\"}]"),
                tools.toolCall(2, ToolCallDelta.newBuilder().setIndex(0).setId("call_0").setType("function")
                        .setName("get_weather").setArguments("{\"city\"").build()),
                tools.toolCall(3, ToolCallDelta.newBuilder().setIndex(0).setArguments(":\"Oslo\"}").build()),
                tools.completed(4, "tool_calls")));

        JobEvents aborted = jobStartingNow("it-aborted");
        jobs.put(aborted.jobId(), List.of(aborted.started(), aborted.text(1, "Half an ans"),
                aborted.aborted(2, "user"), aborted.completed(3, "stop"), aborted.text(4, "ignored")));

        JobEvents failed = jobStartingNow("it-failed");
        jobs.put(failed.jobId(), List.of(failed.started(), failed.text(1, "Before the error"),
                failed.failed(2, "Upstream said 502")));

        JobEvents duplicated = jobStartingNow("it-duplicated");
        jobs.put(duplicated.jobId(), List.of(duplicated.started(), duplicated.text(1, "once"),
                duplicated.text(1, "once"), duplicated.text(2, " only"), duplicated.started(),
                duplicated.completed(3, "stop")));

        JobEvents streaming = jobStartingNow("it-streaming");
        jobs.put(streaming.jobId(), List.of(streaming.started(), streaming.text(1, "still "),
                streaming.text(2, "going")));

        Map<String, LogPosition[]> positions = produceInterleaved(jobs);

        Map<String, ConsumerRecord<String, JobState>> latest = new ConcurrentHashMap<>();
        List<ConsumerRecord<String, JobState>> everything = new ArrayList<>();
        Map<String, JobState> expected = new HashMap<>();
        jobs.forEach((jobId, events) -> expected.put(jobId, fold(jobId, events, positions.get(jobId))));

        try (KafkaConsumer<String, JobState> consumer = stateConsumer()) {
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    everything.add(record);
                    latest.put(record.key(), record);
                });
                expected.forEach((jobId, state) ->
                        assertThat(latest.get(jobId)).as(jobId).isNotNull()
                                .extracting(ConsumerRecord::value).isEqualTo(state));
            });
        }

        assertThat(latest.get(long1.jobId()).value().getContent()).isEqualTo(concatenatedText(longEvents));
        assertThat(latest.get(long1.jobId()).value().getStatus()).isEqualTo(JobStatus.COMPLETE);
        assertThat(latest.get(tools.jobId()).value().getToolCalls().get(0).getArguments()).isEqualTo("{\"city\":\"Oslo\"}");
        assertThat(latest.get(aborted.jobId()).value().getStatus()).isEqualTo(JobStatus.ABORTED);
        assertThat(latest.get(aborted.jobId()).value().getContent()).isEqualTo("Half an ans");
        assertThat(latest.get(failed.jobId()).value().getStatus()).isEqualTo(JobStatus.ERROR);
        assertThat(latest.get(duplicated.jobId()).value().getContent()).isEqualTo("once only");
        assertThat(latest.get(streaming.jobId()).value().getStatus()).isEqualTo(JobStatus.STREAMING);
        for (String jobId : jobs.keySet()) {
            LogPosition started = positions.get(jobId)[0];
            assertThat(latest.get(jobId).partition()).as("state lives on the partition of its events")
                    .isEqualTo(started.getPartition());
            assertThat(latest.get(jobId).value().getFirstPosition()).isEqualTo(started);
        }
        assertThat(everything).filteredOn(record -> jobs.containsKey(record.key()))
                .as("no tombstone or empty state is published for a job within its retention").allSatisfy(record -> {
            assertThat(record.value()).isNotNull();
            assertThat(record.key()).isEqualTo(record.value().getJobId());
        });
    }

    @Test
    void shouldSkipEventsBeforeTheStartAndUnreadableRecordsAndGoOn() throws Exception {
        JobEvents job = jobStartingNow("it-late-start");
        // Same key, so the same partition: these come before the STARTED event in the log.
        produceInterleaved(Map.of(job.jobId(), List.of(job.text(1, "lost "), job.completed(2, "stop"))));
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(producerConfig(),
                new StringSerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(Topics.JOB_DELTAS.name(), job.jobId(),
                    "not an avro message".getBytes(StandardCharsets.UTF_8))).get();
        }
        List<JobEvent> events = List.of(job.started(), job.text(1, "found"), job.completed(2, "stop"));
        LogPosition[] positions = produceInterleaved(Map.of(job.jobId(), events)).get(job.jobId());

        List<JobState> published = new ArrayList<>();
        try (KafkaConsumer<String, JobState> consumer = stateConsumer()) {
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.key().equals(job.jobId())) {
                        published.add(record.value());
                    }
                });
                assertThat(published).isNotEmpty();
                assertThat(published.get(published.size() - 1)).isEqualTo(fold(job.jobId(), events, positions));
            });
        }

        assertThat(published).allSatisfy(state -> {
            assertThat(state.getContent()).doesNotContain("lost");
            assertThat(state.getFirstPosition()).isEqualTo(positions[0]);
        });
        assertThat(droppedRecords()).as("the unreadable record is counted").isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void shouldEndTheJobOfAnInstanceWhoseLeaseExpiredAsInterruptedAndKeepItsContent() throws Exception {
        String doomed = "it-doomed-ingest";
        InstanceLease lease = Leases.alive(doomed, Instant.now(), Instant.now().plusSeconds(2));
        publishLease(lease);
        JobEvents job = jobStartingNow("it-orphan").ownedBy(doomed);
        List<JobEvent> events = List.of(job.started(), job.text(1, "Partial "), job.text(2, "answer"));
        LogPosition[] positions = produceInterleaved(Map.of(job.jobId(), events)).get(job.jobId());

        ConsumerRecord<String, JobEvent> terminal;
        try (KafkaConsumer<String, JobEvent> deltas = consumer(Topics.JOB_DELTAS, positions[0])) {
            terminal = awaitRecord(deltas, record -> record.key().equals(job.jobId()) && record.value().getSeq() == 3);
        }
        assertThat(terminal.value().getType()).isEqualTo(JobEventType.FAILED);
        assertThat(terminal.value().getFailed().getReason()).isEqualTo(FailureReason.INTERRUPTED);
        assertThat(terminal.value().getFailed().getMessage()).isEqualTo(OrphanCause.LEASE_EXPIRED.message());
        assertThat(terminal.value().getTimestamp()).as("not before the lease expired and the grace passed")
                .isAfter(lease.getExpiresAt().plusSeconds(1));
        assertThat(terminal.partition()).as("on the job's partition").isEqualTo(positions[0].getPartition());

        ConsumerRecord<String, JobState> ended;
        try (KafkaConsumer<String, JobState> states = stateConsumer()) {
            ended = awaitRecord(states, record -> record.key().equals(job.jobId()) && record.value() != null
                    && record.value().getStatus() == JobStatus.ERROR);
        }
        assertThat(ended.value().getContent()).isEqualTo("Partial answer");
        assertThat(ended.value().getSeq()).isEqualTo(3);
        assertThat(ended.value().getFailure()).isEqualTo(terminal.value().getFailed());
        assertThat(ended.value().getLastPosition()).isEqualTo(LogPosition.newBuilder()
                .setPartition(terminal.partition()).setOffset(terminal.offset()).build());

        Thread.sleep(1000); // Five more sweeps: none may write a second terminal event.
        try (KafkaConsumer<String, JobEvent> deltas = consumer(Topics.JOB_DELTAS, positions[0])) {
            assertThat(readToEnd(deltas)).filteredOn(record -> record.key().equals(job.jobId()))
                    .extracting(record -> record.value().getType())
                    .containsExactly(JobEventType.STARTED, JobEventType.TEXT_DELTA, JobEventType.TEXT_DELTA,
                            JobEventType.FAILED);
        }
        assertThat(prometheus()).contains("tributary_processor_orphans_ended_total{cause=\"expired\"} 1.0");
    }

    @Test
    void shouldAskTheLiveOwnerToTimeOutAJobOlderThanTheTimeoutAndItsGrace() throws Exception {
        JobEvents job = JobEvents.forJob("it-too-long").startingAt(Instant.now().minus(Duration.ofMinutes(6)));
        produceInterleaved(Map.of(job.jobId(), List.of(job.started(), job.text(1, "still going"))));

        ConsumerRecord<String, JobCommand> command;
        try (KafkaConsumer<String, JobCommand> commands = consumer(Topics.JOB_CONTROL)) {
            command = awaitRecord(commands, record -> record.key().equals(job.jobId()));
        }

        assertThat(command.value().getType()).isEqualTo(CommandType.TIMEOUT);
        assertThat(command.value().getJobId()).isEqualTo(job.jobId());
        assertThat(command.value().getRequestedBy()).isEqualTo(JobSweeper.REQUESTED_BY);
    }

    @Test
    void shouldTombstoneAFinishedJobOnJobsStateOnceItsRetentionHasPassed() throws Exception {
        JobEvents job = JobEvents.forJob("it-retired").startingAt(Instant.now().minus(Duration.ofHours(2)));
        produceInterleaved(Map.of(job.jobId(), List.of(job.started(), job.text(1, "old news"), job.completed(2, "stop"))));

        List<ConsumerRecord<String, JobState>> published;
        try (KafkaConsumer<String, JobState> states = stateConsumer()) {
            awaitRecord(states, record -> record.key().equals(job.jobId()) && record.value() == null);
        }
        try (KafkaConsumer<String, JobState> states = stateConsumer()) {
            published = readToEnd(states).stream().filter(record -> record.key().equals(job.jobId())).toList();
        }
        assertThat(published.get(published.size() - 1).value()).as("the tombstone comes last").isNull();
        assertThat(published).filteredOn(record -> record.value() != null).allSatisfy(record ->
                assertThat(record.value().getContent()).isIn("", "old news"));
    }

    @Test
    void shouldExposeTheFoldLagTheStreamingJobsAndTheConsumerLagForPrometheus() throws Exception {
        JobEvents job = jobStartingNow("it-metered");
        produceInterleaved(Map.of(job.jobId(), List.of(job.started(), job.text(1, "counted"))));

        // The gauge follows the sweeps (every 200 ms here), the consumer lag the metrics binder's refresh.
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(prometheus())
                .containsPattern("tributary_processor_fold_lag_seconds_count[^ ]* [1-9]")
                .containsPattern("tributary_processor_fold_lag_seconds_bucket\\{le=\"0\\.005\"")
                .containsPattern("tributary_processor_jobs_active[^ ]* [1-9]")
                .contains("kafka_consumer_fetch_manager_records_lag_max"));
    }

    @Test
    void shouldReportTheKafkaStreamsStateInHealthAndExposePrometheusMetrics() throws Exception {
        HttpClient http = HttpClient.newHttpClient();

        await().atMost(PATIENCE).untilAsserted(() -> {
            HttpResponse<String> response = http.send(get("/actuator/health"), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode health = JsonMapper.builder().build().readTree(response.body());
            assertThat(health.path("status").asString()).isEqualTo("UP");
            assertThat(health.path("components").path("kafkaStreams").path("status").asString()).isEqualTo("UP");
            assertThat(health.path("components").path("kafkaStreams").path("details").path("state").asString())
                    .isEqualTo("RUNNING");
        });

        HttpResponse<String> metrics = http.send(get("/actuator/prometheus"), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("kafka_stream_", "tributary_processor_orphans_ended_total",
                "tributary_processor_timeouts_requested_total", "tributary_processor_jobs_retired_total");
    }

    /**
     * Sends the jobs' events round-robin across jobs, each job's in order, and returns where each
     * event landed.
     */
    private Map<String, LogPosition[]> produceInterleaved(Map<String, List<JobEvent>> jobs) throws Exception {
        Map<String, List<Future<RecordMetadata>>> sent = new LinkedHashMap<>();
        try (KafkaProducer<String, JobEvent> producer = new KafkaProducer<>(producerConfig(),
                Topics.JOB_DELTAS.keySerde().serializer(), Topics.JOB_DELTAS.valueSerde().serializer())) {
            int longest = jobs.values().stream().mapToInt(List::size).max().orElse(0);
            for (int i = 0; i < longest; i++) {
                for (Map.Entry<String, List<JobEvent>> job : jobs.entrySet()) {
                    if (i < job.getValue().size()) {
                        sent.computeIfAbsent(job.getKey(), id -> new ArrayList<>()).add(producer.send(
                                new ProducerRecord<>(Topics.JOB_DELTAS.name(), job.getKey(), job.getValue().get(i))));
                    }
                }
            }
            producer.flush();
        }
        Map<String, LogPosition[]> positions = new HashMap<>();
        for (Map.Entry<String, List<Future<RecordMetadata>>> job : sent.entrySet()) {
            LogPosition[] at = new LogPosition[job.getValue().size()];
            for (int i = 0; i < at.length; i++) {
                RecordMetadata metadata = job.getValue().get(i).get();
                at[i] = LogPosition.newBuilder().setPartition(metadata.partition()).setOffset(metadata.offset()).build();
            }
            positions.put(job.getKey(), at);
        }
        return positions;
    }

    /** The expected state: the shared fold over the events at the positions the broker gave them. */
    private static JobState fold(String jobId, List<JobEvent> events, LogPosition[] positions) {
        JobFold fold = JobFold.empty(jobId);
        for (int i = 0; i < events.size(); i++) {
            fold.apply(events.get(i), positions[i]);
        }
        return fold.toState();
    }

    private static String concatenatedText(List<JobEvent> events) {
        StringBuilder text = new StringBuilder();
        events.stream().filter(event -> event.getType() == JobEventType.TEXT_DELTA).forEach(event -> text.append(event.getText()));
        return text.toString();
    }

    private double droppedRecords() {
        return streams.getKafkaStreams().metrics().values().stream()
                .filter(metric -> metric.metricName().name().equals("dropped-records-total"))
                .map(Metric::metricValue)
                .mapToDouble(value -> ((Number) value).doubleValue())
                .sum();
    }

    private Map<String, Object> producerConfig() {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all");
    }

    private KafkaConsumer<String, JobState> stateConsumer() {
        return consumer(Topics.JOB_STATE);
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

    /** Reads one partition of the topic from a position on, as a read_committed consumer. */
    private <V> KafkaConsumer<String, V> consumer(Topic<String, V> topic, LogPosition from) {
        KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        TopicPartition partition = new TopicPartition(topic.name(), from.getPartition());
        consumer.assign(List.of(partition));
        consumer.seek(partition, from.getOffset());
        return consumer;
    }

    /** Waits for the next committed record the consumer reads that matches. */
    private static <V> ConsumerRecord<String, V> awaitRecord(KafkaConsumer<String, V> consumer,
            Predicate<ConsumerRecord<String, V>> wanted) {
        List<ConsumerRecord<String, V>> found = new ArrayList<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                if (found.isEmpty() && wanted.test(record)) {
                    found.add(record);
                }
            });
            return !found.isEmpty();
        });
        return found.get(0);
    }

    /** Every committed record from the consumer's position to the current end. */
    private static <V> List<ConsumerRecord<String, V>> readToEnd(KafkaConsumer<String, V> consumer) {
        List<ConsumerRecord<String, V>> records = new ArrayList<>();
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        await().atMost(PATIENCE).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
        });
        return records;
    }

    /** Publishes the lease and waits until the processor's global lease store holds it. */
    private void publishLease(InstanceLease lease) throws Exception {
        try (KafkaProducer<String, InstanceLease> producer = new KafkaProducer<>(producerConfig(),
                Topics.INGEST_LEASES.keySerde().serializer(), Topics.INGEST_LEASES.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(Topics.INGEST_LEASES.name(), lease.getInstanceId(), lease)).get();
        }
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
            ReadOnlyKeyValueStore<String, InstanceLease> leases = streams.getKafkaStreams().store(
                    StoreQueryParameters.fromNameAndType(JobStateTopology.LEASE_STORE, QueryableStoreTypes.keyValueStore()));
            assertThat(leases.get(lease.getInstanceId())).isEqualTo(lease);
        });
    }

    private String prometheus() throws Exception {
        return HttpClient.newHttpClient().send(get("/actuator/prometheus"), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static JobEvents jobStartingNow(String jobId) {
        return JobEvents.forJob(jobId).ownedBy(LIVE_OWNER).startingAt(Instant.now());
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build();
    }
}
