package io.tributary.schema.topic;

import io.tributary.schema.AuditAccess;
import io.tributary.schema.InstanceLease;
import io.tributary.schema.JobCommand;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobState;
import io.tributary.schema.Notification;
import io.tributary.schema.NotificationMark;
import io.tributary.schema.StreamOperation;
import io.tributary.schema.ThreadPreference;
import io.tributary.schema.UsageWindow;
import io.tributary.schema.ViewerPresence;
import io.tributary.schema.serde.AvroSerdes;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Tributary's topics. Every topic keyed by jobId has the same partition count, so that one job's
 * events, state and commands live on partitions of the same number and the processor can
 * co-partition them.
 */
public final class Topics {

    /** Every event of every job, in order per job; delete, 7 days. Written by the ingest. */
    public static final Topic<String, JobEvent> JOB_DELTAS =
            new Topic<>("jobs.deltas", Serdes.String(), AvroSerdes.jobEvent());

    /** The latest state of each job; compacted. Written by the processor. */
    public static final Topic<String, JobState> JOB_STATE =
            new Topic<>("jobs.state", Serdes.String(), AvroSerdes.jobState());

    /** Commands (abort) to the ingest instance that runs a job; delete, short retention. */
    public static final Topic<String, JobCommand> JOB_CONTROL =
            new Topic<>("jobs.control", Serdes.String(), AvroSerdes.jobCommand());

    /**
     * The liveness lease of every ingest instance, keyed by instanceId; compacted. Written by the
     * ingest; read (as a global table) by the processor, which ends a job for its instance only once
     * that instance's lease has expired, so two writers never share a job.
     */
    public static final Topic<String, InstanceLease> INGEST_LEASES =
            new Topic<>("ingest.leases", Serdes.String(), AvroSerdes.instanceLease());

    /**
     * Viewer presence: joined, renewed and left, per SSE connection, keyed by jobId; delete, short
     * retention (the processor keeps what it needs in its store). Written by the gateways; read by the
     * processor, co-partitioned with {@code jobs.deltas}.
     */
    public static final Topic<String, ViewerPresence> JOB_VIEWERS =
            new Topic<>("jobs.viewers", Serdes.String(), AvroSerdes.viewerPresence());

    /**
     * Thread preferences (muted), keyed by {@link RecordKeys#thread}; compacted. Written by the
     * gateways; read whole by the processor (a global table) and by every gateway.
     */
    public static final Topic<String, ThreadPreference> THREAD_PREFS =
            new Topic<>("threads.prefs", Serdes.String(), AvroSerdes.threadPreference());

    /** Notifications, keyed by userId; delete, 30 days. Written by the processor; read by the gateways. */
    public static final Topic<String, Notification> NOTIFICATIONS =
            new Topic<>("notifications", Serdes.String(), AvroSerdes.notification());

    /**
     * What users did to their inboxes (read, all read, cleared), keyed by {@link RecordKeys#mark};
     * compacted. Written and read by the gateways, so that every instance shows the same inbox.
     */
    public static final Topic<String, NotificationMark> NOTIFICATION_MARKS =
            new Topic<>("notifications.marks", Serdes.String(), AvroSerdes.notificationMark());

    /**
     * Every read by an auditor of another user's data (who, what, when, the answer), keyed by the
     * auditor; delete, a year. Written by the gateways before they answer; listed by auditors.
     */
    public static final Topic<String, AuditAccess> AUDIT_ACCESS =
            new Topic<>("audit.access", Serdes.String(), AvroSerdes.auditAccess());

    /**
     * Usage analytics: the jobs of one user and model that ended in one minute, hour or day, counted per
     * {@code jobs.deltas} partition, keyed by {@link RecordKeys#usageWindow}; compacted (the newest figures
     * of a window win) and deleted after the usage retention. Written by the processor's usage
     * analytics; read by the gateways for {@code /api/usage} and by anyone's dashboards.
     */
    public static final Topic<String, UsageWindow> ANALYTICS_USAGE =
            new Topic<>("analytics.usage", Serdes.String(), AvroSerdes.usageWindow());

    /**
     * Durable Streams: every request on a stream (create, append, close, delete, expire), keyed by the
     * stream's path and the request's id and partitioned by the path, so one stream's requests are in
     * one partition, in order; compacted: a request stays until the gateways write its tombstone, once
     * its stream is gone or at once if it changed nothing. Written and applied by every gateway.
     */
    public static final Topic<String, StreamOperation> STREAMS_LOG =
            new Topic<>("streams.log", Serdes.String(), AvroSerdes.streamOperation());

    private Topics() {
    }
}
