package io.tributary.processor.config;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.processor.streams.KafkaStreamsHealthIndicator;
import io.tributary.processor.streams.ThreadReplacingExceptionHandler;
import io.tributary.processor.usage.UsageMetrics;
import io.tributary.processor.usage.UsageTopology;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the usage analytics as a second Kafka Streams client of the service, with the same Kafka settings
 * as the job topology's ({@code spring.kafka.streams.*}: exactly-once, state directory, replication)
 * but its own application id, so its own consumer group, state and internal topics, and its own health
 * ({@code usageAnalytics} under {@code /actuator/health}) and thread-failure handling.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "tributary.usage.enabled", matchIfMissing = true)
@EnableConfigurationProperties(UsageProperties.class)
class UsageStreamsConfiguration {

    static final String BUILDER = "usageStreamsBuilder";

    @Bean
    KafkaStreamsHealthIndicator usageAnalyticsHealthIndicator() {
        return new KafkaStreamsHealthIndicator();
    }

    @Bean(BUILDER)
    StreamsBuilderFactoryBean usageStreamsBuilder(KafkaProperties kafka, UsageProperties usage,
            GroupMembershipProperties membership, StreamThreadFailureProperties failures, Clock clock,
            @Qualifier("usageAnalyticsHealthIndicator") KafkaStreamsHealthIndicator health) {
        Map<String, Object> config = new HashMap<>(kafka.buildStreamsProperties());
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, usage.applicationId());
        config.put(StreamsConfig.CLIENT_ID_CONFIG, usage.applicationId());
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        if (membership.isStatic()) {
            config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, membership.instanceId() + "-usage");
        }
        StreamsBuilderFactoryBean factory = new StreamsBuilderFactoryBean(new KafkaStreamsConfiguration(config));
        factory.setStreamsUncaughtExceptionHandler(
                new ThreadReplacingExceptionHandler(failures.shutdownAfter(), failures.window(), clock));
        factory.setStateListener(health);
        factory.addListener(health);
        factory.setLeaveGroupOnClose(!membership.isStatic());
        return factory;
    }

    @Bean
    UsageMetrics usageMetrics(MeterRegistry registry) {
        return new UsageMetrics(registry);
    }

    /** The topology, added to the usage client's builder before the client starts. */
    @Bean
    UsageTopologyDefined usageTopology(@Qualifier(BUILDER) StreamsBuilderFactoryBean factory, UsageProperties usage,
            JsonMapper mapper, UsageMetrics metrics) throws Exception {
        UsageTopology.define(factory.getObject(), usage.outputTopic(), usage.grace(), usage.closeCheckInterval(), mapper,
                metrics);
        return new UsageTopologyDefined();
    }

    /** Marks that the usage topology has been added (a bean, so that Spring adds it once and in order). */
    record UsageTopologyDefined() {
    }
}
