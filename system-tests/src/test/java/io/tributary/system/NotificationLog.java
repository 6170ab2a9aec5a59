package io.tributary.system;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import io.tributary.schema.JobState;
import io.tributary.schema.JobStatus;
import io.tributary.schema.Notification;
import io.tributary.schema.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

/**
 * What the {@code notifications} topic holds, read as the gateways read it: committed records only,
 * so a notification of an aborted processor transaction never counts.
 */
final class NotificationLog {

    /** A short job, a processor commit and a read of the topic, with room for a loaded machine. */
    static final Duration NOTIFY_BOUND = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(300);

    private final TributaryStack stack;

    NotificationLog(TributaryStack stack) {
        this.stack = stack;
    }

    /** The user's notifications in the order of the topic (one partition per user, so the order they were written in). */
    List<Notification> ofUser(String userId) {
        return all().stream().filter(n -> n.getUserId().equals(userId)).toList();
    }

    /** Every notification written for the job: more than one is a duplicate. */
    List<Notification> ofJob(String jobId) {
        return all().stream().filter(n -> n.getJobId().equals(jobId)).toList();
    }

    /** Waits for the job's first notification. */
    Notification awaitFor(String jobId) {
        return awaitFor(jobId, NOTIFY_BOUND);
    }

    Notification awaitFor(String jobId, Duration atMost) {
        return await().atMost(atMost).pollInterval(POLL)
                .until(() -> ofJob(jobId), list -> !list.isEmpty())
                .get(0);
    }

    /** Waits until the user has at least {@code count} notifications; returns them in topic order. */
    List<Notification> awaitCount(String userId, int count) {
        return await().atMost(NOTIFY_BOUND).pollInterval(POLL)
                .until(() -> ofUser(userId), list -> list.size() >= count);
    }

    /**
     * Every notification the job got, once no more can come: proves an absence (or a single one)
     * rather than looking too early.
     *
     * <p>Waits for the job's terminal state on {@code jobs.state}: under exactly-once, the processor
     * commits a job's notification in the same transaction as the state it folded, so from then on any
     * notification of the job is visible. Then, because a notification could also come late (a
     * processor that re-processes after a crash, or a decision taken in another task), runs a later
     * job of the same user, unwatched in a thread of its own, and waits for its notification: the
     * processor has by then handled events that came well after this job's end.
     */
    List<Notification> settledFor(String jobId, TributaryClient owner) throws Exception {
        settle(List.of(jobId), owner);
        return ofJob(jobId);
    }

    /** {@link #settledFor} for several jobs of one user at once, with one later job for all of them. */
    void settle(Collection<String> jobIds, TributaryClient owner) throws Exception {
        JobLog jobs = new JobLog(stack);
        Set<String> ids = Set.copyOf(jobIds);
        await().atMost(NOTIFY_BOUND).pollInterval(POLL)
                .until(() -> jobs.latestStates(ids).values().stream().filter(NotificationLog::hasEnded).count() == ids.size());
        String marker = owner.startJob(JobRequest.of("marker after " + jobIds.size() + " jobs", 3, 10)
                .inThread("marker-thread", "marker-message"));
        awaitFor(marker);
    }

    private static boolean hasEnded(@Nullable JobState state) {
        return state != null && state.getStatus() != JobStatus.STREAMING;
    }

    private List<Notification> all() {
        return TopicReader.readAll(stack.bootstrapServers(), Topics.NOTIFICATIONS).stream()
                .map(ConsumerRecord::value)
                .filter(java.util.Objects::nonNull)
                .toList();
    }
}
