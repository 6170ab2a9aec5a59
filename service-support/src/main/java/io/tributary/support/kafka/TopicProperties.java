package io.tributary.support.kafka;

import java.time.Duration;

import io.tributary.schema.topic.TopicDefinitions;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tributary's topics as a service declares them at start-up (created if missing, never altered).
 *
 * @param create whether to declare the topics at all; off where operators manage topics
 * @param partitions the partition count of every jobId-keyed topic; they must all be equal so that
 *     the processor can co-partition them
 * @param replicationFactor 3 in production; 1 on a single local broker
 * @param deltasRetention how long {@code jobs.deltas} keeps events for replay and audit
 * @param controlRetention how long {@code jobs.control} keeps commands; they matter only while a job runs
 * @param notificationsRetention how long a notification stays in users' inboxes
 */
@ConfigurationProperties("tributary.topics")
public record TopicProperties(
        @DefaultValue("true") boolean create,
        @DefaultValue("6") int partitions,
        @DefaultValue("3") short replicationFactor,
        @DefaultValue("7d") Duration deltasRetention,
        @DefaultValue("1h") Duration controlRetention,
        @DefaultValue("30d") Duration notificationsRetention) {

    public TopicDefinitions definitions() {
        return new TopicDefinitions(partitions, replicationFactor, deltasRetention, controlRetention, notificationsRetention);
    }
}
