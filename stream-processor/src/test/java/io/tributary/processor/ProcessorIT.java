package io.tributary.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;

import io.tributary.schema.JobEvent;
import io.tributary.schema.JobEventType;
import io.tributary.schema.JobState;
import io.tributary.schema.JobStatus;
import io.tributary.schema.LogPosition;
import io.tributary.schema.ToolCallDelta;
import io.tributary.schema.fold.JobFold;
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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The processor as it runs: the Spring application with real Kafka Streams under exactly-once, on an
 * in-process KRaft broker, with the topics declared by service-support.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tributary.topics.partitions=" + ProcessorIT.PARTITIONS,
        "tributary.topics.replication-factor=1",
        "spring.kafka.streams.replication-factor=1",
        "spring.kafka.streams.state-dir=target/processor-it-state/${random.uuid}"})
@EmbeddedKafka(count = 1, bootstrapServersProperty = "spring.kafka.bootstrap-servers", brokerProperties = {
        // Exactly-once on a single broker: the transaction state log cannot have 3 replicas here.
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1"})
class ProcessorIT {

    static final int PARTITIONS = 3;

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrapServers;

    @LocalServerPort
    private int port;

    @Autowired
    private StreamsBuilderFactoryBean streams;

    @Test
    void shouldPublishTheExactFoldedStateOfEveryJobOnJobsState() throws Exception {
        Map<String, List<JobEvent>> jobs = new LinkedHashMap<>();
        JobEvents long1 = JobEvents.forJob("it-long");
        List<JobEvent> longEvents = new ArrayList<>(List.of(long1.started()));
        for (int i = 1; i <= 60; i++) {
            longEvents.add(long1.text(i, "chunk " + i + (i % 7 == 0 ? "\n" : " ")));
        }
        longEvents.add(long1.usage(61, 10, 60));
        longEvents.add(long1.completed(62, "stop"));
        jobs.put(long1.jobId(), longEvents);

        JobEvents tools = JobEvents.forJob("it-tools");
        jobs.put(tools.jobId(), List.of(tools.started(),
                tools.reasoning(1, "Need the weather.", "[{\"type\":\"reasoning.text\"}]"),
                tools.toolCall(2, ToolCallDelta.newBuilder().setIndex(0).setId("call_0").setType("function")
                        .setName("get_weather").setArguments("{\"city\"").build()),
                tools.toolCall(3, ToolCallDelta.newBuilder().setIndex(0).setArguments(":\"Oslo\"}").build()),
                tools.completed(4, "tool_calls")));

        JobEvents aborted = JobEvents.forJob("it-aborted");
        jobs.put(aborted.jobId(), List.of(aborted.started(), aborted.text(1, "Half an ans"),
                aborted.aborted(2, "user"), aborted.completed(3, "stop"), aborted.text(4, "ignored")));

        JobEvents failed = JobEvents.forJob("it-failed");
        jobs.put(failed.jobId(), List.of(failed.started(), failed.text(1, "Before the error"),
                failed.failed(2, "Upstream said 502")));

        JobEvents duplicated = JobEvents.forJob("it-duplicated");
        jobs.put(duplicated.jobId(), List.of(duplicated.started(), duplicated.text(1, "once"),
                duplicated.text(1, "once"), duplicated.text(2, " only"), duplicated.started(),
                duplicated.completed(3, "stop")));

        JobEvents streaming = JobEvents.forJob("it-streaming");
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
        assertThat(everything).as("no tombstone or empty state is ever published").allSatisfy(record -> {
            assertThat(record.value()).isNotNull();
            assertThat(record.key()).isEqualTo(record.value().getJobId());
        });
    }

    @Test
    void shouldSkipEventsBeforeTheStartAndUnreadableRecordsAndGoOn() throws Exception {
        JobEvents job = JobEvents.forJob("it-late-start");
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
        assertThat(metrics.body()).contains("kafka_stream_");
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
        KafkaConsumer<String, JobState> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                Topics.JOB_STATE.keySerde().deserializer(), Topics.JOB_STATE.valueSerde().deserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            partitions.add(new TopicPartition(Topics.JOB_STATE.name(), p));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build();
    }
}
