package io.tributary.gateway.config;

import java.time.Clock;
import java.util.List;

import io.tributary.gateway.kafka.KafkaClients;
import io.tributary.gateway.kafka.ReadBackWriter;
import io.tributary.gateway.kafka.ReplicatedTopic;
import io.tributary.gateway.kafka.TopicPublisher;
import io.tributary.gateway.kafka.TopicReplica;
import io.tributary.gateway.prefs.ThreadPreferences;
import io.tributary.schema.ThreadPreference;
import io.tributary.schema.topic.Topics;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires thread preferences: a replica of {@code threads.prefs} that feeds {@link ThreadPreferences},
 * and the producer of preferences with its read-back. Its timeouts are those of the inbox
 * ({@code tributary.gateway.notifications.*}): muting a thread is a notification setting.
 */
@Configuration(proxyBeanMethods = false)
class ThreadPreferencesConfiguration {

    @Bean
    ThreadPreferences threadPreferences() {
        return new ThreadPreferences();
    }

    @Bean
    TopicReplica threadPreferencesReplica(KafkaClients clients, ThreadPreferences preferences, Clock clock) {
        return new TopicReplica("thread-prefs", clients,
                List.of(new ReplicatedTopic<>(Topics.THREAD_PREFS, preferences::apply)), clock,
                NotificationConfiguration.START_TIMEOUT);
    }

    @Bean(destroyMethod = "close")
    TopicPublisher<ThreadPreference> threadPreferencePublisher(KafkaClients clients,
            NotificationProperties properties) {
        return new TopicPublisher<>(clients, Topics.THREAD_PREFS, "thread-prefs", properties.writeTimeout());
    }

    @Bean
    ReadBackWriter<ThreadPreference> threadPreferenceWriter(TopicPublisher<ThreadPreference> publisher,
            @Qualifier("threadPreferencesReplica") TopicReplica replica, NotificationProperties properties) {
        return new ReadBackWriter<>(publisher, replica, properties.readBackTimeout());
    }
}
