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
 */
public record TopicDefinitions(int partitions, short replicationFactor, Duration deltasRetention,
        Duration controlRetention) {

    /** Leases are few (one per ingest instance) and read whole by every processor: one partition. */
    static final int LEASE_PARTITIONS = 1;

    public List<NewTopic> newTopics() {
        return List.of(
                jobKeyed(Topics.JOB_DELTAS, Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.RETENTION_MS_CONFIG, Long.toString(deltasRetention.toMillis()))),
                jobKeyed(Topics.JOB_STATE, Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                jobKeyed(Topics.JOB_CONTROL, Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.RETENTION_MS_CONFIG, Long.toString(controlRetention.toMillis()))),
                new NewTopic(Topics.INGEST_LEASES.name(), LEASE_PARTITIONS, replicationFactor).configs(Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
    }

    private NewTopic jobKeyed(Topic<?, ?> topic, Map<String, String> configs) {
        return new NewTopic(topic.name(), partitions, replicationFactor).configs(configs);
    }
}
