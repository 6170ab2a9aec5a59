package io.tributary.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.processor.usage.UsageMetrics;
import io.tributary.processor.usage.UsageTopology;
import io.tributary.schema.JobEvent;
import io.tributary.schema.UsageWindow;
import io.tributary.schema.UsageWindowKind;
import io.tributary.schema.serde.AvroSerdes;
import io.tributary.schema.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.json.JsonMapper;

/**
 * The usage analytics recomputed from the log equal the live ones, window by window. Live: the
 * processor as it runs (the Spring application, its usage analytics under exactly-once on a real
 * broker, the same context as {@link io.tributary.processor.ProcessorIT}), while jobs of several users
 * and models end across five minutes of event time (their events interleaved, some ending failed or
 * aborted). Then a second application with a new id reads {@code jobs.deltas} from its start into
 * another topic. Both hold the same newest record for every window key, closed windows included, and
 * the token totals are the jobs' own.
 */
@RunningProcessor
class UsageRecomputeIT {

    private static final String REBUILT = "analytics.usage.rebuilt";
    private static final String USER_PREFIX = "usage-recompute-user-";
    /**
     * The jobs' event time: from the next minute on, so that no window of theirs is closed already by the
     * stream time of the other tests' jobs on the same partitions.
     */
    private static final Instant BASE = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(2));
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrapServers;

    @Test
    void shouldRecomputeFromTheStartOfTheLogExactlyTheLiveFigures() throws Exception {
        List<List<JobEvent>> rounds = jobsInRounds();
        long expectedInput = rounds.stream().flatMap(List::stream).filter(event -> event.getUsage() != null)
                .mapToLong(event -> event.getUsage().getPromptTokens()).sum();

        for (List<JobEvent> round : rounds) {
            produce(round);
            Thread.sleep(300);
        }
        await().atMost(PATIENCE).until(() -> minuteInputTokens(ours(latest(Topics.ANALYTICS_USAGE.name()))) == expectedInput);
        try (KafkaStreams rebuild = start("usage-rebuild-" + UUID.randomUUID(), REBUILT)) {
            // The live figures also hold the other tests' jobs, and may still gain an orphan's end: compare
            // until both have read the same log.
            await().atMost(PATIENCE).until(() -> latest(REBUILT).equals(latest(Topics.ANALYTICS_USAGE.name())));
        }

        Map<String, UsageWindow> figures = ours(latest(REBUILT));
        assertThat(minuteInputTokens(figures)).isEqualTo(expectedInput);
        assertThat(figures.values()).as("the first minutes closed once the last job moved stream time past them")
                .anySatisfy(window -> assertThat(window.getClosed()).isTrue());
        assertThat(figures.values()).extracting(UsageWindow::getPartition).as("every partition counted")
                .containsAll(List.of(0, 1, 2));
        long completed = figures.values().stream().filter(window -> window.getWindow() == UsageWindowKind.DAY)
                .mapToLong(UsageWindow::getCompletedJobs).sum();
        assertThat(completed).isEqualTo(rounds.stream().flatMap(List::stream)
                .filter(event -> event.getType() == io.tributary.schema.JobEventType.COMPLETED).count());
    }

    /**
     * 48 jobs of 4 users and 2 models, 12 starting in each of four minutes, plus one ten minutes later that
     * closes the minutes of its partition; each round's events interleaved job by job, as concurrent jobs write them.
     */
    private static List<List<JobEvent>> jobsInRounds() {
        List<List<JobEvent>> rounds = new ArrayList<>();
        for (int minute = 0; minute < 4; minute++) {
            List<List<JobEvent>> jobs = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                int n = minute * 12 + i;
                Instant start = BASE.plusSeconds(minute * 60L + i * 4L);
                jobs.add(job(n, start));
            }
            rounds.add(interleaved(jobs));
        }
        rounds.add(job(99, BASE.plus(Duration.ofMinutes(10))));
        return rounds;
    }

    private static List<JobEvent> job(int n, Instant start) {
        JobEvents job = new JobEvents("usage-recompute-job-" + n, USER_PREFIX + (n % 4), "ingest-1", start);
        JobEvent started = job.started();
        started.getStarted().setModel("model-" + (n % 2));
        JobEvent terminal = switch (n % 5) {
            case 3 -> job.failed(5, "boom");
            case 4 -> job.aborted(5, "user");
            default -> job.completed(5, "stop");
        };
        return List.of(started, job.text(1, "Hel"), job.text(2, "lo"), job.reasoning(3, "because", "[]"),
                job.usage(4, 10 + n, 2 + n), terminal);
    }

    private static List<JobEvent> interleaved(List<List<JobEvent>> jobs) {
        List<JobEvent> events = new ArrayList<>();
        for (int step = 0; step < 6; step++) {
            for (List<JobEvent> job : jobs) {
                events.add(job.get(step));
            }
        }
        return events;
    }

    private KafkaStreams start(String applicationId, String output) throws Exception {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200);
        config.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        // As the service runs it (application.yml): a record that does not decode is skipped, here as live.
        config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("usage-recompute").toString());
        StreamsBuilder builder = new StreamsBuilder();
        UsageTopology.define(builder, output, Duration.ofMinutes(2), Duration.ofSeconds(10), JsonMapper.builder().build(),
                new UsageMetrics(new SimpleMeterRegistry()));
        KafkaStreams streams = new KafkaStreams(builder.build(), config);
        streams.start();
        return streams;
    }

    private void produce(List<JobEvent> events) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            for (JobEvent event : events) {
                producer.send(new ProducerRecord<>(Topics.JOB_DELTAS.name(), null, event.getTimestamp().toEpochMilli(),
                        event.getJobId(), AvroSerdes.jobEvent().toBytes(event))).get();
            }
        }
    }

    /** The newest record of every key on the topic, as read_committed consumers see it. */
    private Map<String, UsageWindow> latest(String topic) {
        Map<String, UsageWindow> latest = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    latest.put(record.key(), AvroSerdes.usageWindow().fromBytes(record.value()));
                }
            }
        }
        return latest;
    }

    /** The windows of this test's users, whose jobs no other test writes. */
    private static Map<String, UsageWindow> ours(Map<String, UsageWindow> figures) {
        Map<String, UsageWindow> ours = new HashMap<>();
        figures.forEach((key, window) -> {
            if (window.getUserId().startsWith(USER_PREFIX)) {
                ours.put(key, window);
            }
        });
        return ours;
    }

    private static long minuteInputTokens(Map<String, UsageWindow> figures) {
        return figures.values().stream().filter(window -> window.getWindow() == UsageWindowKind.MINUTE)
                .mapToLong(UsageWindow::getInputTokens).sum();
    }
}
