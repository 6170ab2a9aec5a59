package io.tributary.support.kafka;

import io.tributary.schema.topic.TopicDefinitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/** Declares Tributary's topics so that Spring's {@code KafkaAdmin} creates the missing ones at start-up. */
@AutoConfiguration
@EnableConfigurationProperties(TopicProperties.class)
@ConditionalOnProperty(prefix = "tributary.topics", name = "create", havingValue = "true", matchIfMissing = true)
public class TopicsAutoConfiguration {

    @Bean
    KafkaAdmin.NewTopics tributaryTopics(TopicProperties topics) {
        return new KafkaAdmin.NewTopics(topics.definitions().newTopics().toArray(NewTopic[]::new));
    }
}
