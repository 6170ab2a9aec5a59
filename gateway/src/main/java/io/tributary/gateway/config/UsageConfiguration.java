package io.tributary.gateway.config;

import java.time.Clock;
import java.util.List;

import io.tributary.gateway.kafka.KafkaClients;
import io.tributary.gateway.kafka.ReplicatedTopic;
import io.tributary.gateway.kafka.TopicReplica;
import io.tributary.gateway.usage.UsageWindows;
import io.tributary.schema.topic.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * This gateway's copy of {@code analytics.usage}: the view of the usage windows and the replica that
 * keeps it, read whole from the beginning as the inbox is (one record per window, user, model and
 * partition: a year of hourly figures for a thousand users of two models is some 100 MB; minute windows
 * are the bulk, see the README).
 */
@Configuration(proxyBeanMethods = false)
class UsageConfiguration {

    @Bean
    UsageWindows usageWindows() {
        return new UsageWindows();
    }

    @Bean
    TopicReplica usageReplica(KafkaClients clients, UsageWindows windows, Clock clock) {
        return new TopicReplica("usage", clients, List.of(new ReplicatedTopic<>(Topics.ANALYTICS_USAGE, windows::apply)),
                clock, NotificationConfiguration.START_TIMEOUT);
    }
}
