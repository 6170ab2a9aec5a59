package io.tributary.processor.notify;

import java.time.Instant;

import io.tributary.processor.cloudevents.ProcessorCloudEvents;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobEventType;
import io.tributary.schema.JobState;
import io.tributary.schema.LogPosition;
import io.tributary.schema.Notification;
import io.tributary.schema.ThreadPreference;
import io.tributary.schema.topic.RecordKeys;
import io.tributary.support.tracing.TraceParent;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, once per job, whether the user of a job that has just ended is notified, and emits the
 * notification keyed by userId. It gathers the facts, {@link NotificationPolicy} decides: the job's
 * folded state, the connections in the presence store, the thread's preference in the global store,
 * and the terminal record's timestamp as the moment the job ended. After deciding, either way, it
 * removes the job's presence entry: nothing will read it again.
 *
 * <p>It must be defined after the fold on the same {@code jobs.deltas} source, so that Streams hands it
 * each record after the aggregate has folded that record (a source forwards to its children in the
 * order they were added), and it reads the state as of this very record.
 *
 * <h2>Once per job</h2>
 * The job ended with this record if and only if its state is terminal and the state's
 * {@code lastPosition} is this record's partition and offset: the fold moves {@code lastPosition} only
 * for an event that counts, and nothing counts after the first terminal event. So a second terminal
 * event, a stray event after the end, a duplicate or a replayed record (all at other offsets) never
 * decide again. Across crashes: the decision, its notification, the presence deletion (a changelog
 * record) and the consumed offset of the terminal record commit in one exactly-once transaction. A
 * crash before that commit aborts all of them, and the task restarts from the stores as they were
 * committed and the record's offset, so the terminal record is processed again and decides once; after
 * the commit the record is never processed again. The notification's id is derived from the jobId, so
 * even a processor reset to an earlier offset (which decides again) yields the same id to dedupe on.
 *
 * <p>Only a terminal event (COMPLETED, FAILED, ABORTED) can end a job in the fold, so the state is read
 * for those alone: reading it for every delta would deserialize the whole content per delta, O(n²)
 * for an n-delta job.
 */
public final class NotificationDecider implements Processor<String, @Nullable JobEvent, String, Notification> {

    private static final Logger log = LoggerFactory.getLogger(NotificationDecider.class);

    private final NotificationPolicy policy = new NotificationPolicy();
    private final NotificationMetrics metrics;
    private final StoreNames storeNames;

    private @Nullable ProcessorContext<String, Notification> context;
    private @Nullable KeyValueStore<String, ValueAndTimestamp<JobState>> jobs;
    private @Nullable KeyValueStore<String, JobViewers> presence;
    private @Nullable KeyValueStore<String, ValueAndTimestamp<ThreadPreference>> preferences;

    /**
     * The stores the decider reads.
     *
     * @param jobs the job-state store of the fold (jobId to state), read only
     * @param presence the presence store (jobId to {@link JobViewers}), whose entry it removes once decided
     * @param preferences the global store of thread preferences ({@link RecordKeys#thread} to
     *     {@link ThreadPreference}), read only
     */
    public record StoreNames(String jobs, String presence, String preferences) {
    }

    public NotificationDecider(NotificationMetrics metrics, StoreNames storeNames) {
        this.metrics = metrics;
        this.storeNames = storeNames;
    }

    @Override
    public void init(ProcessorContext<String, Notification> context) {
        this.context = context;
        this.jobs = context.getStateStore(storeNames.jobs());
        this.presence = context.getStateStore(storeNames.presence());
        this.preferences = context.getStateStore(storeNames.preferences());
    }

    @Override
    public void process(Record<String, @Nullable JobEvent> record) {
        JobEvent event = record.value();
        String jobId = record.key();
        if (event == null || jobId == null || !canEndAJob(event.getType())) {
            return;
        }
        JobState job = ValueAndTimestamp.getValueOrNull(require(jobs).get(jobId));
        if (job == null || !JobOutcomes.hasEnded(job) || !job.getLastPosition().equals(position())) {
            return;
        }
        decide(job, Instant.ofEpochMilli(record.timestamp()), TraceParent.of(record.headers()));
    }

    /** @param traceparent the job's trace, from its terminal event, which the notification carries on */
    private void decide(JobState job, Instant endedAt, @Nullable String traceparent) {
        KeyValueStore<String, JobViewers> presenceStore = require(presence);
        JobViewers viewers = presenceStore.get(job.getJobId());
        NotificationDecision decision = policy.decide(job, viewers == null ? JobViewers.none() : viewers,
                isMuted(job), endedAt);
        presenceStore.delete(job.getJobId());
        if (decision instanceof NotificationDecision.Notify notify) {
            Notification notification = notify.notification();
            long timestamp = endedAt.toEpochMilli();
            require(context).forward(new Record<>(notification.getUserId(), notification, timestamp,
                    TraceParent.add(ProcessorCloudEvents.notification(notification, timestamp), traceparent)));
            metrics.notificationSent(notification.getType());
            log.debug("Notified user {} that job {} ended {}", job.getUserId(), job.getJobId(), job.getStatus());
        } else if (decision instanceof NotificationDecision.Suppress suppress) {
            metrics.notificationSuppressed(suppress.reason());
            log.debug("No notification for job {} ({}): {}", job.getJobId(), job.getStatus(), suppress.reason().tag());
        }
    }

    private boolean isMuted(JobState job) {
        String threadId = job.getThreadId();
        if (threadId == null) {
            return false;
        }
        ThreadPreference preference = ValueAndTimestamp.getValueOrNull(
                require(preferences).get(RecordKeys.thread(job.getUserId(), threadId)));
        return preference != null && preference.getMuted();
    }

    /** Where the record being processed lies on {@code jobs.deltas}; the decider sits right behind the source. */
    private LogPosition position() {
        RecordMetadata metadata = require(context).recordMetadata()
                .orElseThrow(() -> new IllegalStateException("No source record behind a job event"));
        return LogPosition.newBuilder().setPartition(metadata.partition()).setOffset(metadata.offset()).build();
    }

    private static boolean canEndAJob(JobEventType type) {
        return type == JobEventType.COMPLETED || type == JobEventType.FAILED || type == JobEventType.ABORTED;
    }

    private static <T> T require(@Nullable T initialized) {
        if (initialized == null) {
            throw new IllegalStateException("Processor used before init");
        }
        return initialized;
    }
}
