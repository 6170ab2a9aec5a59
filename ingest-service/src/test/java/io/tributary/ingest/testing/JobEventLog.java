package io.tributary.ingest.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tributary.schema.JobEvent;
import io.tributary.schema.JobEventType;
import io.tributary.schema.topic.JobEventHeaders;
import io.tributary.schema.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;

/** Reads one job's events back from {@code jobs.deltas}, as any consumer of the topic would. */
public final class JobEventLog {

    private final String bootstrapServers;

    public JobEventLog(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * The job's events in log order, once its terminal event is there; then reads on for a moment to
     * catch any event (wrongly) written after it.
     */
    public List<JobEvent> awaitEnded(String jobId, Duration timeout) {
        return awaitAllEnded(List.of(jobId), timeout).get(jobId);
    }

    /** {@link #awaitEnded} for several jobs at once, read by one consumer. */
    public Map<String, List<JobEvent>> awaitAllEnded(Collection<String> jobIds, Duration timeout) {
        try (KafkaConsumer<String, JobEvent> consumer = fromTheBeginning()) {
            Map<String, List<JobEvent>> events = new HashMap<>();
            jobIds.forEach(jobId -> events.put(jobId, new ArrayList<>()));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!events.values().stream().allMatch(JobEventLog::endsWithTerminal)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Not every job ended within " + timeout + "; events so far: " + summary(events));
                }
                poll(consumer, events, Duration.ofMillis(100));
            }
            poll(consumer, events, Duration.ofMillis(300));
            return events;
        }
    }

    /** The job's events up to the first of the given type, once it is on the log. */
    public List<JobEvent> awaitFirst(String jobId, JobEventType type, Duration timeout) {
        try (KafkaConsumer<String, JobEvent> consumer = fromTheBeginning()) {
            List<JobEvent> events = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (events.stream().noneMatch(event -> event.getType() == type)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("No " + type + " event of job " + jobId + " within " + timeout
                            + "; events so far: " + summary(Map.of(jobId, events)));
                }
                poll(consumer, Map.of(jobId, events), Duration.ofMillis(100));
            }
            return events;
        }
    }

    /** Whatever the log holds of the job after reading for the given time; for jobs that never end. */
    public List<JobEvent> readFor(String jobId, Duration duration) {
        try (KafkaConsumer<String, JobEvent> consumer = fromTheBeginning()) {
            List<JobEvent> events = new ArrayList<>();
            long end = System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < end) {
                poll(consumer, Map.of(jobId, events), Duration.ofMillis(100));
            }
            return events;
        }
    }

    /**
     * For each of the job's records now on the log, in order: its value's event type and what its
     * {@link JobEventHeaders#TYPE} header says (null if it has none), as {@code "VALUE=HEADER"}.
     */
    public List<String> typesAndHeaders(String jobId) {
        try (KafkaConsumer<String, JobEvent> consumer = fromTheBeginning()) {
            List<String> pairs = new ArrayList<>();
            ConsumerRecords<String, JobEvent> records;
            while (!(records = consumer.poll(Duration.ofMillis(300))).isEmpty()) {
                for (ConsumerRecord<String, JobEvent> record : records) {
                    if (jobId.equals(record.key())) {
                        pairs.add(record.value().getType() + "=" + header(record, JobEventHeaders.TYPE)
                                + " " + header(record, "ce_id") + " " + header(record, "ce_type")
                                + " " + header(record, "ce_source"));
                    }
                }
            }
            return pairs;
        }
    }

    /** The {@code traceparent} header of each of the job's records now on the log, in order (null where none). */
    public List<@Nullable String> traceparents(String jobId) {
        try (KafkaConsumer<String, JobEvent> consumer = fromTheBeginning()) {
            List<@Nullable String> traceparents = new ArrayList<>();
            ConsumerRecords<String, JobEvent> records;
            while (!(records = consumer.poll(Duration.ofMillis(300))).isEmpty()) {
                for (ConsumerRecord<String, JobEvent> record : records) {
                    if (jobId.equals(record.key())) {
                        traceparents.add(header(record, "traceparent"));
                    }
                }
            }
            return traceparents;
        }
    }

    private static @Nullable String header(ConsumerRecord<String, JobEvent> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private KafkaConsumer<String, JobEvent> fromTheBeginning() {
        KafkaConsumer<String, JobEvent> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                Topics.JOB_DELTAS.keySerde().deserializer(), Topics.JOB_DELTAS.valueSerde().deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.JOB_DELTAS.name()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    private static void poll(KafkaConsumer<String, JobEvent> consumer, Map<String, List<JobEvent>> events,
            Duration timeout) {
        for (ConsumerRecord<String, JobEvent> record : consumer.poll(timeout)) {
            List<JobEvent> ofJob = record.key() == null ? null : events.get(record.key());
            if (ofJob != null) {
                ofJob.add(record.value());
            }
        }
    }

    private static Map<String, List<String>> summary(Map<String, List<JobEvent>> events) {
        Map<String, List<String>> summary = new HashMap<>();
        events.forEach((jobId, ofJob) ->
                summary.put(jobId, ofJob.stream().map(event -> event.getSeq() + ":" + event.getType()).toList()));
        return summary;
    }

    private static boolean endsWithTerminal(List<JobEvent> events) {
        if (events.isEmpty()) {
            return false;
        }
        JobEventType type = events.get(events.size() - 1).getType();
        return type == JobEventType.COMPLETED || type == JobEventType.FAILED || type == JobEventType.ABORTED;
    }
}
