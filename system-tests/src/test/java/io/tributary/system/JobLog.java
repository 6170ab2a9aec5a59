package io.tributary.system;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.tributary.schema.JobEvent;
import io.tributary.schema.JobEventType;
import io.tributary.schema.JobState;
import io.tributary.schema.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

/** What the topics say about jobs, read as any downstream consumer reads them (committed records only). */
final class JobLog {

    private final String bootstrapServers;

    JobLog(TributaryStack stack) {
        this.bootstrapServers = stack.bootstrapServers();
    }

    List<JobEvent> eventsOf(String jobId) {
        return eventsByJob().getOrDefault(jobId, List.of());
    }

    Map<String, List<JobEvent>> eventsByJob() {
        return TopicReader.readAll(bootstrapServers, Topics.JOB_DELTAS).stream()
                .collect(Collectors.groupingBy(ConsumerRecord::key,
                        Collectors.mapping(ConsumerRecord::value, Collectors.toList())));
    }

    /** Waits until the job has its terminal event on {@code jobs.deltas}, and returns that event. */
    JobEvent awaitTerminal(String jobId, Duration atMost) {
        return await().atMost(atMost).pollInterval(Duration.ofMillis(250))
                .until(() -> terminalOf(jobId), event -> event != null);
    }

    /**
     * Waits until the job has streamed at least {@code count} events, so that a test can act on a job
     * known to be running without watching it (a viewer would change what the job is notified of).
     */
    void awaitStreaming(String jobId, int count, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(100))
                .until(() -> eventsOf(jobId).size() >= count);
    }

    /** The job's first terminal event, the one that counts, or null while it streams. */
    @Nullable JobEvent terminalOf(String jobId) {
        return eventsOf(jobId).stream().filter(JobLog::isTerminal).findFirst().orElse(null);
    }

    /** The latest state of each of these jobs on {@code jobs.state}; a job without one (or tombstoned) is absent. */
    Map<String, JobState> latestStates(Set<String> jobIds) {
        Map<String, JobState> latest = new HashMap<>();
        for (ConsumerRecord<String, JobState> record : TopicReader.readAll(bootstrapServers, Topics.JOB_STATE)) {
            if (jobIds.contains(record.key())) {
                if (record.value() == null) {
                    latest.remove(record.key());
                } else {
                    latest.put(record.key(), record.value());
                }
            }
        }
        return latest;
    }

    @Nullable JobState latestState(String jobId) {
        return latestStates(Set.of(jobId)).get(jobId);
    }

    static String textOf(List<JobEvent> events) {
        return events.stream()
                .filter(event -> event.getType() == JobEventType.TEXT_DELTA)
                .map(JobEvent::getText)
                .collect(Collectors.joining());
    }

    static boolean isTerminal(JobEvent event) {
        return event.getType() == JobEventType.COMPLETED || event.getType() == JobEventType.FAILED
                || event.getType() == JobEventType.ABORTED;
    }
}
