package io.tributary.processor.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.processor.CloudEventAssertions;
import io.tributary.processor.JobEvents;
import io.tributary.schema.JobEvent;
import io.tributary.schema.UsageWindow;
import io.tributary.schema.UsageWindowKind;
import io.tributary.schema.topic.RecordKeys;
import io.tributary.schema.topic.Topics;
import io.tributary.schema.usage.LatencyHistogram;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The usage topology on its own: what a finished job adds to its minute, hour and day windows, what does
 * not count (events after the end, redelivered seqs, jobs without a start), and when a window closes.
 * Each job of {@link JobEvents} has one event per second from {@link JobEvents#T0} (00:00:00Z).
 */
class UsageTopologyTest {

    private static final Duration GRACE = Duration.ofMinutes(2);
    private static final String USAGE_JSON = "{\"prompt_tokens\":12,\"completion_tokens\":30,"
            + "\"prompt_tokens_details\":{\"cached_tokens\":4},\"completion_tokens_details\":{\"reasoning_tokens\":7},"
            + "\"cost\":0.0015}";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<String, JobEvent> deltas;
    private TestOutputTopic<String, UsageWindow> usage;

    @BeforeEach
    void startDriver() throws Exception {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "tributary-usage");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("tributary-usage-ttd").toString());
        StreamsBuilder builder = new StreamsBuilder();
        UsageTopology.define(builder, Topics.ANALYTICS_USAGE.name(), GRACE, Duration.ofSeconds(10),
                JsonMapper.builder().build(), new UsageMetrics(registry));
        driver = new TopologyTestDriver(builder.build(), config);
        deltas = driver.createInputTopic(Topics.JOB_DELTAS.name(), Topics.JOB_DELTAS.keySerde().serializer(),
                Topics.JOB_DELTAS.valueSerde().serializer());
        usage = driver.createOutputTopic(Topics.ANALYTICS_USAGE.name(), Topics.ANALYTICS_USAGE.keySerde().deserializer(),
                Topics.ANALYTICS_USAGE.valueSerde().deserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void shouldAddAFinishedJobToItsMinuteHourAndDayWindows() {
        JobEvents job = JobEvents.forJob("job-a");
        send(job.started(), job.text(1, "Hé"), job.reasoning(2, "why", "[]"), job.text(3, "llo"), usage(job, 4),
                job.completed(5, "stop"));

        List<TestRecord<String, UsageWindow>> records = usage.readRecordsToList();
        Map<String, UsageWindow> windows = new java.util.HashMap<>();
        records.forEach(record -> windows.put(record.key(), record.value()));
        for (TestRecord<String, UsageWindow> record : records) {
            CloudEventAssertions.assertCloudEvent(record.headers(), record.key() + ":1", "io.tributary.usage.window",
                    job.userId(), "io.tributary.schema.UsageWindow");
        }

        assertThat(windows).containsOnlyKeys(
                RecordKeys.usageWindow(UsageWindowKind.MINUTE, JobEvents.T0, 0, job.userId(), "test/model"),
                RecordKeys.usageWindow(UsageWindowKind.HOUR, JobEvents.T0, 0, job.userId(), "test/model"),
                RecordKeys.usageWindow(UsageWindowKind.DAY, JobEvents.T0, 0, job.userId(), "test/model"));
        UsageWindow minute = windows.get(RecordKeys.usageWindow(UsageWindowKind.MINUTE, JobEvents.T0, 0, job.userId(),
                "test/model"));
        assertThat(minute.getStart()).isEqualTo(JobEvents.T0);
        assertThat(minute.getEnd()).isEqualTo(JobEvents.T0.plusSeconds(60));
        assertThat(minute.getClosed()).isFalse();
        assertThat(minute.getCompletedJobs()).isEqualTo(1);
        assertThat(minute.getFailedJobs() + minute.getAbortedJobs()).isZero();
        assertThat(minute.getJobsWithUsage()).isEqualTo(1);
        assertThat(minute.getInputTokens()).isEqualTo(12);
        assertThat(minute.getOutputTokens()).isEqualTo(30);
        assertThat(minute.getCachedTokens()).isEqualTo(4);
        assertThat(minute.getReasoningTokens()).isEqualTo(7);
        assertThat(minute.getCost()).isEqualTo(0.0015);
        assertThat(minute.getDeltas()).isEqualTo(3);
        assertThat(minute.getBytes()).as("\"Hé\" is 3 bytes, \"why\" 3, \"llo\" 3").isEqualTo(9);
        LatencyHistogram firstChunk = LatencyHistogram.decode(minute.getFirstChunkMillis());
        assertThat(firstChunk.count()).isEqualTo(1);
        assertThat(firstChunk.percentile(50)).isBetween(990L, 1010L);
        assertThat(LatencyHistogram.decode(minute.getDurationMillis()).percentile(99)).isBetween(4950L, 5050L);
    }

    @Test
    void shouldSumTheJobsOfAWindowByOutcomeAndKeepUsersAndModelsApart() {
        JobEvents first = JobEvents.forJob("job-a");
        JobEvents second = new JobEvents("job-b", first.userId(), "ingest-1", JobEvents.T0.plusSeconds(10));
        JobEvents third = new JobEvents("job-c", first.userId(), "ingest-1", JobEvents.T0.plusSeconds(20));
        JobEvents otherUser = JobEvents.forJob("job-d");
        send(first.started(), second.started(), third.started(), otherUser.started(),
                usage(first, 1), first.completed(2, "stop"),
                second.text(1, "x"), usage(second, 2), usage(second, 3), second.failed(4, "boom"),
                third.aborted(1, "user"),
                otherUser.completed(1, "stop"));

        Map<String, UsageWindow> windows = usage.readKeyValuesToMap();

        UsageWindow minute = windows.get(RecordKeys.usageWindow(UsageWindowKind.MINUTE, JobEvents.T0, 0, first.userId(),
                "test/model"));
        assertThat(List.of(minute.getCompletedJobs(), minute.getFailedJobs(), minute.getAbortedJobs()))
                .containsExactly(1L, 1L, 1L);
        assertThat(minute.getJobsWithUsage()).isEqualTo(2);
        assertThat(minute.getInputTokens()).as("every usage chunk counts").isEqualTo(36);
        assertThat(LatencyHistogram.decode(minute.getFirstChunkMillis()).count()).as("only job-b had content")
                .isEqualTo(1);
        assertThat(LatencyHistogram.decode(minute.getDurationMillis()).count()).isEqualTo(3);
        UsageWindow other = windows.get(RecordKeys.usageWindow(UsageWindowKind.MINUTE, JobEvents.T0, 0,
                otherUser.userId(), "test/model"));
        assertThat(other.getCompletedJobs()).isEqualTo(1);
        assertThat(other.getInputTokens()).isZero();
    }

    @Test
    void shouldIgnoreRedeliveredEventsEventsAfterTheEndAndJobsNeverStarted() {
        JobEvents job = JobEvents.forJob("job-a");
        JobEvents unstarted = JobEvents.forJob("job-b");
        send(job.started(), usage(job, 1), usage(job, 1), job.completed(2, "stop"), usage(job, 3),
                job.failed(4, "stray"), usage(unstarted, 1), unstarted.completed(2, "stop"));

        List<KeyValue<String, UsageWindow>> records = usage.readKeyValuesToList();

        assertThat(records).hasSize(3);
        assertThat(records).allSatisfy(record -> {
            assertThat(record.value.getUserId()).isEqualTo(job.userId());
            assertThat(record.value.getInputTokens()).isEqualTo(12);
            assertThat(record.value.getCompletedJobs()).isEqualTo(1);
            assertThat(record.value.getFailedJobs()).isZero();
        });
    }

    @Test
    void shouldCloseAWindowOnceItsGraceHasPassedAndNeverChangeItAgain() {
        JobEvents early = JobEvents.forJob("job-a");
        send(early.started(), early.completed(1, "stop"));
        usage.readKeyValuesToList();
        // A job in the next hour moves stream time past the first minute's end plus the grace.
        JobEvents later = new JobEvents("job-b", "user-later", "ingest-1", JobEvents.T0.plus(Duration.ofHours(1)));
        send(later.started(), later.completed(1, "stop"));
        // A job that ended in the first minute but reaches the log only now.
        JobEvents late = new JobEvents("job-c", early.userId(), "ingest-1", JobEvents.T0.plusSeconds(30));
        send(late.started(), late.completed(1, "stop"));

        List<KeyValue<String, UsageWindow>> records = usage.readKeyValuesToList();

        String firstMinute = RecordKeys.usageWindow(UsageWindowKind.MINUTE, JobEvents.T0, 0, early.userId(), "test/model");
        assertThat(records).filteredOn(record -> record.key.equals(firstMinute))
                .singleElement()
                .satisfies(record -> {
                    assertThat(record.value.getClosed()).isTrue();
                    assertThat(record.value.getCompletedJobs()).isEqualTo(1);
                });
        // The late job still counts in its hour and its day, which are open.
        String firstHour = RecordKeys.usageWindow(UsageWindowKind.HOUR, JobEvents.T0, 0, early.userId(), "test/model");
        assertThat(records).filteredOn(record -> record.key.equals(firstHour))
                .last()
                .satisfies(record -> assertThat(record.value.getCompletedJobs()).isEqualTo(2));
        assertThat(registry.get("tributary.usage.late.jobs").tag("window", "minute").counter().count()).isEqualTo(1);
    }

    private JobEvent usage(JobEvents job, long seq) {
        JobEvent event = job.usage(seq, 12, 30);
        event.getUsage().setCost(0.0015);
        event.getUsage().setJson(USAGE_JSON);
        return event;
    }

    private void send(JobEvent... events) {
        for (JobEvent event : events) {
            deltas.pipeInput(event.getJobId(), event, event.getTimestamp());
        }
    }
}
