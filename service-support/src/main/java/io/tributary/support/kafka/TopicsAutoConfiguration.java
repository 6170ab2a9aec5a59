package io.tributary.support.kafka;

import java.util.List;

import io.tributary.schema.topic.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/** Declares Tributary's topics so that Spring's {@code KafkaAdmin} creates the missing ones at start-up. */
@AutoConfiguration
@EnableConfigurationProperties(TopicProperties.class)
@ConditionalOnProperty(prefix = "tributary.topics", name = "create", havingValue = "true", matchIfMissing = true)
public class TopicsAutoConfiguration {

    @Bean
    KafkaAdmin.NewTopics tributaryTopics(TopicProperties topics) {
        return new KafkaAdmin.NewTopics(newTopics(topics).toArray(NewTopic[]::new));
    }

    /** The topics with their settings; public for tests and tools that create them without Spring. */
    public static List<NewTopic> newTopics(TopicProperties topics) {
        return List.of(
                jobKeyed(Topics.JOB_DELTAS.name(), topics)
                        .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(topics.deltasRetention().toMillis()))
                        .build(),
                jobKeyed(Topics.JOB_STATE.name(), topics)
                        .compact()
                        .build(),
                jobKeyed(Topics.JOB_CONTROL.name(), topics)
                        .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(topics.controlRetention().toMillis()))
                        .build());
    }

    private static TopicBuilder jobKeyed(String name, TopicProperties topics) {
        return TopicBuilder.name(name).partitions(topics.partitions()).replicas(topics.replicationFactor());
    }
}
