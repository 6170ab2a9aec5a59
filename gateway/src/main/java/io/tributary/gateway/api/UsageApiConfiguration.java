package io.tributary.gateway.api;

import io.tributary.gateway.config.NotificationProperties;
import io.tributary.gateway.kafka.TopicReplica;
import io.tributary.gateway.usage.UsageWindows;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the usage endpoint to this gateway's copy of the usage windows. */
@Configuration(proxyBeanMethods = false)
class UsageApiConfiguration {

    /** Waits as long as the inbox does for its replica at start-up ({@code tributary.gateway.notifications.ready-wait}). */
    @Bean
    ReadyView<UsageWindows> readyUsageWindows(UsageWindows windows, @Qualifier("usageReplica") TopicReplica replica,
            NotificationProperties properties) {
        return new ReadyView<>(windows, replica, properties.readyWait(), "the usage analytics");
    }
}
