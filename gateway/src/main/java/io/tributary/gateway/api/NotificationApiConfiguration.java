package io.tributary.gateway.api;

import java.time.Clock;

import io.tributary.gateway.config.NotificationMetrics;
import io.tributary.gateway.config.NotificationProperties;
import io.tributary.gateway.inbox.Inbox;
import io.tributary.gateway.kafka.ReadBackWriter;
import io.tributary.gateway.kafka.TopicReplica;
import io.tributary.gateway.prefs.ThreadPreferences;
import io.tributary.gateway.sse.JobJson;
import io.tributary.gateway.sse.NotificationMessages;
import io.tributary.schema.NotificationMark;
import io.tributary.schema.ThreadPreference;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the inbox, feed and thread-mute endpoints to the views, writers and meters they use. */
@Configuration(proxyBeanMethods = false)
class NotificationApiConfiguration {

    @Bean
    ReadyView<Inbox> readyInbox(Inbox inbox, @Qualifier("inboxReplica") TopicReplica replica,
            NotificationProperties properties) {
        return new ReadyView<>(inbox, replica, properties.readyWait(), "the notifications");
    }

    @Bean
    ReadyView<ThreadPreferences> readyThreadPreferences(ThreadPreferences preferences,
            @Qualifier("threadPreferencesReplica") TopicReplica replica, NotificationProperties properties) {
        return new ReadyView<>(preferences, replica, properties.readyWait(), "the thread preferences");
    }

    @Bean
    NotificationMarks notificationMarks(Inbox inbox, ReadBackWriter<NotificationMark> writer, Clock clock,
            NotificationMetrics metrics) {
        return new NotificationMarks(inbox, writer, clock, metrics);
    }

    @Bean
    ThreadMutes threadMutes(ReadBackWriter<ThreadPreference> writer, Clock clock) {
        return new ThreadMutes(writer, clock);
    }

    @Bean
    NotificationMessages notificationMessages() {
        return new NotificationMessages(new JobJson());
    }

    /** The job stream's writer, so that both feeds behave alike behind a proxy and end alike with their token. */
    @Bean
    NotificationStreamResponses notificationStreamResponses(SseWriter writer, NotificationMessages messages,
            NotificationMetrics metrics) {
        return new NotificationStreamResponses(writer, messages, metrics);
    }
}
