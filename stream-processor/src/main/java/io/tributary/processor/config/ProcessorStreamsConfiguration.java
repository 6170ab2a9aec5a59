package io.tributary.processor.config;

import java.time.Clock;
import java.time.Duration;
import java.util.Properties;

import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.processor.function.FoldMetrics;
import io.tributary.processor.notify.NotificationMetrics;
import io.tributary.processor.streams.CommittedLogProgress;
import io.tributary.processor.streams.KafkaStreamsHealthIndicator;
import io.tributary.processor.streams.ThreadReplacingExceptionHandler;
import io.tributary.processor.sweep.SweepMetrics;
import io.tributary.processor.topology.JobStateTopology;
import io.tributary.schema.JobState;
import io.tributary.schema.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.KStream;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.annotation.KafkaStreamsDefaultConfiguration;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.springframework.kafka.core.KafkaAdmin;

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

    private static final Duration MIN_PROGRESS_INTERVAL = Duration.ofMillis(100);
    private static final Duration MAX_PROGRESS_INTERVAL = Duration.ofSeconds(1);

    @Bean
    KStream<String, @Nullable JobState> jobStateChanges(
            @Qualifier(KafkaStreamsDefaultConfiguration.DEFAULT_STREAMS_BUILDER_BEAN_NAME) StreamsBuilder builder,
            FoldProperties fold,
            JobSweepProperties sweep, PresenceProperties presence, MeterRegistry meterRegistry,
            CommittedLogProgress deltasProgress) {
        return JobStateTopology.define(builder, fold.publishInterval(), sweep.settings(), new SweepMetrics(meterRegistry),
                deltasProgress, presence.settings(), new NotificationMetrics(meterRegistry), new FoldMetrics(meterRegistry));
    }

    /**
     * How far this application has got through {@code jobs.deltas}, read often enough (a quarter of the
     * orphan grace, at most every second) that a sweep rarely waits for it.
     */
    @Bean
    CommittedLogProgress deltasProgress(KafkaAdmin kafkaAdmin,
            @Qualifier(KafkaStreamsDefaultConfiguration.DEFAULT_STREAMS_CONFIG_BEAN_NAME) KafkaStreamsConfiguration streams,
            JobSweepProperties sweep, Clock clock) {
        Duration interval = sweep.settings().orphanGrace().dividedBy(4);
        interval = interval.compareTo(MIN_PROGRESS_INTERVAL) < 0 ? MIN_PROGRESS_INTERVAL
                : interval.compareTo(MAX_PROGRESS_INTERVAL) > 0 ? MAX_PROGRESS_INTERVAL : interval;
        String applicationId = streams.asProperties().getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        return new CommittedLogProgress(Admin.create(kafkaAdmin.getConfigurationProperties()), applicationId,
                Topics.JOB_DELTAS.name(), interval, clock);
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
