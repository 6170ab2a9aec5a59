package io.tributary.gateway.api;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.tributary.gateway.kafka.JobDirectory;
import io.tributary.gateway.kafka.JobStateView;
import io.tributary.gateway.kafka.TopicWindowScan;
import io.tributary.gateway.sse.JobMessages;
import io.tributary.gateway.sse.StatusBodies;
import io.tributary.gateway.timeline.LoggedEvent;
import io.tributary.schema.JobStarted;
import io.tributary.schema.JobState;
import io.tributary.schema.JobStatus;
import io.tributary.schema.topic.JobEventHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The caller's jobs that started in a time window, found on {@code jobs.deltas} ({@link TopicWindowScan}:
 * the {@code started} records, picked by their header, so only those are decoded),
 * a page at a time. A job that {@code jobs.state} holds is listed as it holds it; one it no longer
 * holds (older than its retention) or does not hold yet is listed from its start with
 * {@code "status": "unknown"}, and is remembered in the directory, so that its events, stream and
 * replay can be asked for next. A status filter keeps only jobs whose status is known to match.
 */
final class JobListings {

    private final WindowPages pages;
    private final JobStateView view;
    private final JobDirectory directory;
    private final JobMessages messages;
    private final JsonMapper mapper;

    JobListings(TopicWindowScan scan, JobStateView view, JobDirectory directory, JobMessages messages,
            JsonMapper mapper) {
        this.pages = new WindowPages(scan, mapper);
        this.view = view;
        this.directory = directory;
        this.messages = messages;
        this.mapper = mapper;
    }

    /** {@code {"jobs": [...], "next": cursor or null, "scanned": records read}}. */
    Mono<ObjectNode> byTime(String userId, TimeWindow window, Optional<JobStatus> wanted) {
        return pages.read(window, record -> isStartOf(record, userId), "jobs").map(page -> {
            List<ObjectNode> jobs = page.records().stream()
                    .map(LoggedEvent::decode)
                    .filter(Objects::nonNull)
                    .sorted(Comparator.comparing(started -> started.event().getTimestamp()))
                    .map(this::summary)
                    .filter(Objects::nonNull)
                    .filter(job -> wanted.isEmpty()
                            || job.path("status").asString().equals(StatusBodies.statusName(wanted.get())))
                    .toList();
            return pages.answer("jobs", jobs, window, page);
        });
    }

    private static boolean isStartOf(ConsumerRecord<String, byte[]> record, String userId) {
        if (!JobEventHeaders.isStarted(record.headers())) {
            return false;
        }
        LoggedEvent started = LoggedEvent.decode(record);
        JobStarted start = started == null ? null : started.event().getStarted();
        return start != null && userId.equals(start.getUserId());
    }

    private @Nullable ObjectNode summary(LoggedEvent started) {
        Optional<JobState> held = view.get(started.event().getJobId());
        if (held.isPresent()) {
            return summaryOf(held.get());
        }
        JobState seed = directory.remember(started);
        if (seed == null) {
            return null;
        }
        ObjectNode summary = summaryOf(seed);
        summary.put("status", "unknown");
        summary.remove("chunksReceived");
        return summary;
    }

    private ObjectNode summaryOf(JobState state) {
        return (ObjectNode) mapper.readTree(messages.summariesJson(List.of(state))).get(0);
    }
}
