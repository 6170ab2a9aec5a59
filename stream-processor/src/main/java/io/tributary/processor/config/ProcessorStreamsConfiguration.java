package io.tributary.processor.config;

import java.time.Clock;
import java.util.Properties;

import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.processor.function.FoldMetrics;
import io.tributary.processor.notify.NotificationMetrics;
import io.tributary.processor.streams.KafkaStreamsHealthIndicator;
import io.tributary.processor.streams.ThreadReplacingExceptionHandler;
import io.tributary.processor.sweep.SweepMetrics;
import io.tributary.processor.topology.JobStateTopology;
import io.tributary.schema.JobState;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.annotation.KafkaStreamsDefaultConfiguration;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

/**
 * Runs the processor's job topologies in one Kafka Streams client whose settings come from
 * {@code spring.kafka.streams.*} (see application.yml); Spring owns its lifecycle, the topology
 * classes own nothing but their pipeline.
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
@EnableConfigurationProperties({StreamThreadFailureProperties.class, JobSweepProperties.class, PresenceProperties.class,
        FoldProperties.class, GroupMembershipProperties.class})
class ProcessorStreamsConfiguration {

    @Bean
    KStream<String, @Nullable JobState> jobStateChanges(
            @Qualifier(KafkaStreamsDefaultConfiguration.DEFAULT_STREAMS_BUILDER_BEAN_NAME) StreamsBuilder builder,
            FoldProperties fold,
            JobSweepProperties sweep, PresenceProperties presence, MeterRegistry meterRegistry) {
        return JobStateTopology.define(builder, fold.publishInterval(), sweep.settings(), new SweepMetrics(meterRegistry),
                presence.settings(), new NotificationMetrics(meterRegistry), new FoldMetrics(meterRegistry));
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ThreadReplacingExceptionHandler streamThreadFailureHandler(StreamThreadFailureProperties properties, Clock clock) {
        return new ThreadReplacingExceptionHandler(properties.shutdownAfter(), properties.window(), clock);
    }

    @Bean
    KafkaStreamsHealthIndicator kafkaStreamsHealthIndicator() {
        return new KafkaStreamsHealthIndicator();
    }

    @Bean
    StreamsBuilderFactoryBeanConfigurer streamsSupervision(ThreadReplacingExceptionHandler failureHandler,
            @Qualifier("kafkaStreamsHealthIndicator") KafkaStreamsHealthIndicator health) {
        return factory -> {
            factory.setStreamsUncaughtExceptionHandler(failureHandler);
            factory.setStateListener(health);
            factory.addListener(health);
        };
    }

    /** Static membership when an instance id is set; otherwise a dynamic member that leaves on close. */
    @Bean
    StreamsBuilderFactoryBeanConfigurer groupMembership(GroupMembershipProperties membership) {
        return factory -> {
            String instanceId = membership.instanceId();
            if (instanceId != null) {
                Properties streams = factory.getStreamsConfiguration();
                if (streams == null) {
                    throw new IllegalStateException("Kafka Streams has no configuration to add group.instance.id to");
                }
                Properties withInstance = new Properties();
                withInstance.putAll(streams);
                withInstance.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
                factory.setStreamsConfiguration(withInstance);
            }
            factory.setLeaveGroupOnClose(!membership.isStatic());
        };
    }
}
