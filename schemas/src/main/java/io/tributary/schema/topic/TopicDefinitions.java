package io.tributary.schema.topic;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * How Tributary's topics are created: the one definition used by the services (at start-up, when
 * missing) and by the local runner.
 *
 * @param partitions the partition count of every jobId-keyed topic; equal for all of them, so that
 *     one job's events, state and commands sit on partitions of the same number
 * @param replicationFactor 3 in production, 1 on a single broker
 * @param deltasRetention how long {@code jobs.deltas} keeps events for replay and audit
 * @param controlRetention how long {@code jobs.control} keeps commands; they matter only while a job runs
 * @param notificationsRetention how long a notification stays in users' inboxes
 */
public record TopicDefinitions(int partitions, short replicationFactor, Duration deltasRetention,
        Duration controlRetention, Duration notificationsRetention) {

    /** Leases are few (one per ingest instance) and read whole by every processor: one partition. */
    static final int LEASE_PARTITIONS = 1;

    /**
     * Presence records matter while their job runs and the processor keeps what it needs in its own
     * store; a day leaves room for a processor that was down for hours to catch up.
     */
    static final Duration VIEWERS_RETENTION = Duration.ofDays(1);

    /** Access records are evidence: kept a year, whatever the other retentions. */
    static final Duration AUDIT_RETENTION = Duration.ofDays(365);

    /**
     * Usage windows are figures for billing and trends: a window's newest record is kept (compaction)
     * for 400 days, a year of daily figures and a margin, then deleted whatever its size.
     */
    static final Duration USAGE_RETENTION = Duration.ofDays(400);

    /**
     * A Durable Stream's append is one record: up to {@code tributary.streams.max-append-bytes} (1 MiB by
     * default) and the operation's other fields, which Kafka's default of about 1 MiB per batch would refuse.
     */
    public static final int STREAMS_MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

    /** How often {@code streams.log} rolls a segment, which compaction can then clean. */
    static final Duration STREAMS_SEGMENT = Duration.ofHours(1);

    public List<NewTopic> newTopics() {
        return List.of(
                partitioned(Topics.JOB_DELTAS, Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.RETENTION_MS_CONFIG, Long.toString(deltasRetention.toMillis()))),
                partitioned(Topics.JOB_STATE, Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                partitioned(Topics.JOB_CONTROL, Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.RETENTION_MS_CONFIG, Long.toString(controlRetention.toMillis()))),
                new NewTopic(Topics.INGEST_LEASES.name(), LEASE_PARTITIONS, replicationFactor).configs(Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                // Co-partitioned with jobs.deltas: the processor reads both in one task per partition.
                partitioned(Topics.JOB_VIEWERS, Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.RETENTION_MS_CONFIG, Long.toString(VIEWERS_RETENTION.toMillis()))),
                partitioned(Topics.THREAD_PREFS, Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                partitioned(Topics.NOTIFICATIONS, Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.RETENTION_MS_CONFIG, Long.toString(notificationsRetention.toMillis()))),
                partitioned(Topics.NOTIFICATION_MARKS, Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                partitioned(Topics.AUDIT_ACCESS, Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.RETENTION_MS_CONFIG, Long.toString(AUDIT_RETENTION.toMillis()))),
                partitioned(Topics.ANALYTICS_USAGE, Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG,
                        TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.RETENTION_MS_CONFIG, Long.toString(USAGE_RETENTION.toMillis()))),
                // A stream lives until it is deleted or expires: each request is kept (a key of its own)
                // until the gateways write its tombstone; segments roll hourly so that the cleaner can
                // reach what deleted streams held within hours, not after the default week.
                partitioned(Topics.STREAMS_LOG, Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                        TopicConfig.SEGMENT_MS_CONFIG, Long.toString(STREAMS_SEGMENT.toMillis()),
                        TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(STREAMS_MAX_MESSAGE_BYTES))));
    }

    /**
     * A topic with the common partition count: required for the jobId-keyed topics (co-partitioning);
     * the user-keyed ones take it too, so that one setting sizes the deployment.
     */
    private NewTopic partitioned(Topic<?, ?> topic, Map<String, String> configs) {
        return new NewTopic(topic.name(), partitions, replicationFactor).configs(configs);
    }
}
