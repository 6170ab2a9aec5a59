package io.tributary.faults;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.tributary.schema.FailureReason;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobEventType;
import io.tributary.schema.JobState;
import io.tributary.schema.JobStatus;
import io.tributary.schema.Notification;
import io.tributary.schema.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

/**
 * What the log says about a round's jobs: their events on {@code jobs.deltas}, their last state on
 * {@code jobs.state} and their notifications, read whole once the round is over. The log is the truth
 * every reader serves from, so a delta lost or duplicated here is lost or duplicated for everyone.
 */
final class LogAudit {

    private final Map<String, List<JobEvent>> events = new HashMap<>();
    private final Map<String, JobState> states = new HashMap<>();
    private final Map<String, Integer> notifications = new HashMap<>();

    private LogAudit() {
    }

    /** Reads the three topics as they are now, keeping only these jobs. */
    static LogAudit read(String bootstrapServers, Set<String> jobIds) {
        LogAudit audit = new LogAudit();
        for (ConsumerRecord<String, JobEvent> record : TopicSnapshot.read(bootstrapServers, Topics.JOB_DELTAS)) {
            if (jobIds.contains(record.key()) && record.value() != null) {
                audit.events.computeIfAbsent(record.key(), key -> new ArrayList<>()).add(record.value());
            }
        }
        // In seq order once, duplicates side by side, for every check below.
        audit.events.values().forEach(list -> list.sort(Comparator.comparingLong(JobEvent::getSeq)));
        for (ConsumerRecord<String, JobState> record : TopicSnapshot.read(bootstrapServers, Topics.JOB_STATE)) {
            if (jobIds.contains(record.key())) {
                audit.states.put(record.key(), record.value());
            }
        }
        for (ConsumerRecord<String, Notification> record : TopicSnapshot.read(bootstrapServers, Topics.NOTIFICATIONS)) {
            Notification notification = record.value();
            if (notification != null && jobIds.contains(notification.getJobId())) {
                audit.notifications.merge(notification.getJobId(), 1, Integer::sum);
            }
        }
        return audit;
    }

    /**
     * Whether everything that must follow the job's end is on the log: its terminal event, state and
     * notification.
     *
     * @param firstViewerAt when the job's first viewer was answered, or null for a job nobody watched
     */
    boolean isSettled(PlannedJob job, @Nullable Instant firstViewerAt) {
        JobState state = states.get(job.jobId());
        return terminalEvents(job.jobId()) > 0 && state != null && state.getStatus() != JobStatus.STREAMING
                && (isWatchedAtItsEnd(job, firstViewerAt) || notificationsOf(job.jobId()) > 0);
    }

    /**
     * Whether a viewer had the job's stream open when it ended: then the processor must not notify. A
     * viewer answered only after the end (a gateway slow to attach a storm of viewers) saw a finished job.
     */
    boolean isWatchedAtItsEnd(PlannedJob job, @Nullable Instant firstViewerAt) {
        JobEvent terminal = terminal(job.jobId());
        return firstViewerAt != null && terminal != null && firstViewerAt.isBefore(terminal.getTimestamp());
    }

    /** The job's events in seq order (duplicates side by side). */
    List<JobEvent> events(String jobId) {
        return events.getOrDefault(jobId, List.of());
    }

    String text(String jobId) {
        return events(jobId).stream().filter(event -> event.getType() == JobEventType.TEXT_DELTA)
                .map(JobEvent::getText).collect(Collectors.joining());
    }

    /** Seqs that appear more than once: each extra copy is a duplicated delta. */
    int duplicated(String jobId) {
        Map<Long, Long> copies = events(jobId).stream().collect(Collectors.groupingBy(JobEvent::getSeq, TreeMap::new,
                Collectors.counting()));
        return copies.values().stream().mapToInt(count -> (int) (count - 1)).sum();
    }

    /** Seqs missing between 0 and the highest: each is a lost delta. */
    int lost(String jobId) {
        List<JobEvent> ordered = events(jobId);
        if (ordered.isEmpty()) {
            return 0;
        }
        long highest = ordered.get(ordered.size() - 1).getSeq();
        long distinct = ordered.stream().map(JobEvent::getSeq).distinct().count();
        return (int) (highest + 1 - distinct);
    }

    int deltas(String jobId) {
        return events(jobId).size();
    }

    /** The job's terminal event, the last one, or null. */
    @Nullable JobEvent terminal(String jobId) {
        List<JobEvent> ordered = events(jobId);
        return ordered.isEmpty() || !isTerminal(ordered.get(ordered.size() - 1)) ? null : ordered.get(ordered.size() - 1);
    }

    int notificationsOf(String jobId) {
        return notifications.getOrDefault(jobId, 0);
    }

    /**
     * Every way the job's record breaks the rules: a lost or duplicated event, other than one terminal event
     * last, content other than the upstream's (or than its beginning, for a job the fault may interrupt),
     * a state that disagrees with the events, a notification missing or one too many.
     */
    List<String> check(PlannedJob job, Fault fault, @Nullable Instant firstViewerAt) {
        String id = job.jobId();
        List<String> failures = new ArrayList<>();
        if (lost(id) > 0) {
            failures.add(id + ": " + lost(id) + " events lost on jobs.deltas");
        }
        if (duplicated(id) > 0) {
            failures.add(id + ": " + duplicated(id) + " events duplicated on jobs.deltas");
        }
        long terminals = terminalEvents(id);
        JobEvent terminal = terminal(id);
        String text = text(id);
        if (terminals != 1 || terminal == null) {
            failures.add(id + ": " + terminals + " terminal events (one, the last, expected)");
        } else if (terminal.getType() == JobEventType.COMPLETED) {
            if (!text.equals(job.expectedContent())) {
                failures.add(id + ": completed with " + text.length() + " chars, not the upstream's "
                        + job.expectedContent().length());
            }
        } else if (isInterruption(terminal) && fault.interrupts(job.ingest())) {
            if (!job.expectedContent().startsWith(text)) {
                failures.add(id + ": interrupted with content that is not the beginning of the upstream's");
            }
        } else {
            failures.add(id + ": ended " + terminal.getType()
                    + (terminal.getFailed() == null ? "" : " " + terminal.getFailed().getReason()));
        }
        JobState state = states.get(id);
        if (state == null || state.getStatus() == JobStatus.STREAMING) {
            failures.add(id + ": no final state on jobs.state");
        } else {
            if (!state.getContent().equals(text)) {
                failures.add(id + ": jobs.state content differs from the events");
            }
            long textDeltas = events(id).stream().filter(event -> event.getType() == JobEventType.TEXT_DELTA).count();
            if (state.getChunksReceived() != textDeltas) {
                failures.add(id + ": jobs.state folded " + state.getChunksReceived() + " chunks of " + textDeltas);
            }
        }
        int notified = notificationsOf(id);
        boolean watchedAtEnd = isWatchedAtItsEnd(job, firstViewerAt);
        int required = watchedAtEnd ? 0 : 1;
        int allowed = watchedAtEnd && !fault.mayEndUnwatched() ? 0 : 1;
        if (notified < required || notified > allowed) {
            failures.add(id + ": " + notified + " notifications (" + (watchedAtEnd ? "watched at its end"
                    : job.watched() ? "its viewers came after its end" : "unwatched") + ")");
        }
        return failures;
    }

    private long terminalEvents(String jobId) {
        return events.getOrDefault(jobId, List.of()).stream().filter(LogAudit::isTerminal).count();
    }

    static boolean isTerminal(JobEvent event) {
        return event.getType() == JobEventType.COMPLETED || event.getType() == JobEventType.FAILED
                || event.getType() == JobEventType.ABORTED;
    }

    private static boolean isInterruption(JobEvent terminal) {
        return terminal.getType() == JobEventType.FAILED && terminal.getFailed() != null
                && terminal.getFailed().getReason() == FailureReason.INTERRUPTED;
    }
}
