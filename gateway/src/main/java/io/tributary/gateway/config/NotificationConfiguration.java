package io.tributary.gateway.config;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.gateway.inbox.Inbox;
import io.tributary.gateway.kafka.KafkaClients;
import io.tributary.gateway.kafka.ReadBackWriter;
import io.tributary.gateway.kafka.ReplicasHealthIndicator;
import io.tributary.gateway.kafka.ReplicatedTopic;
import io.tributary.gateway.kafka.TopicPublisher;
import io.tributary.gateway.kafka.TopicReplica;
import io.tributary.schema.NotificationMark;
import io.tributary.schema.topic.Topics;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the inboxes: one replica of {@code notifications} and {@code notifications.marks} that feeds
 * the {@link Inbox}, the producer of marks with its read-back, the meters, and the health of every
 * topic replica.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationProperties.class)
class NotificationConfiguration {

    /** How long a replica waits at start-up for the broker and its topics before the start fails. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    @Bean
    Inbox inbox() {
        return new Inbox();
    }

    /** One consumer for both topics: a mark and the notifications it covers are read by one thread. */
    @Bean
    TopicReplica inboxReplica(KafkaClients clients, Inbox inbox, Clock clock) {
        return new TopicReplica("inbox", clients, List.of(
                new ReplicatedTopic<>(Topics.NOTIFICATIONS, inbox::applyNotification),
                new ReplicatedTopic<>(Topics.NOTIFICATION_MARKS, inbox::applyMark)), clock, START_TIMEOUT);
    }

    @Bean(destroyMethod = "close")
    TopicPublisher<NotificationMark> notificationMarkPublisher(KafkaClients clients,
            NotificationProperties properties) {
        return new TopicPublisher<>(clients, Topics.NOTIFICATION_MARKS, "marks", properties.writeTimeout());
    }

    @Bean
    ReadBackWriter<NotificationMark> notificationMarkWriter(TopicPublisher<NotificationMark> publisher,
            @Qualifier("inboxReplica") TopicReplica replica, NotificationProperties properties) {
        return new ReadBackWriter<>(publisher, replica, properties.readBackTimeout());
    }

    @Bean
    NotificationMetrics notificationMetrics(MeterRegistry registry) {
        return new NotificationMetrics(registry);
    }

    @Bean
    ReplicasHealthIndicator replicasHealthIndicator(List<TopicReplica> replicas) {
        return new ReplicasHealthIndicator(replicas);
    }

    /** Ends every open notification feed when the application stops; clients resume by event id. */
    @Bean
    SmartLifecycle notificationFeedsShutdown(Inbox inbox) {
        return new StopHook(inbox::closeFeeds);
    }
}
