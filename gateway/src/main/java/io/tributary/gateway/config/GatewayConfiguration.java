package io.tributary.gateway.config;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.gateway.kafka.CatchUpReader;
import io.tributary.gateway.kafka.GatewayHealthIndicator;
import io.tributary.gateway.kafka.JobArrivals;
import io.tributary.gateway.kafka.JobCommandPublisher;
import io.tributary.gateway.kafka.JobDirectory;
import io.tributary.gateway.kafka.JobStateView;
import io.tributary.gateway.kafka.KafkaClientSettings;
import io.tributary.gateway.kafka.KafkaClients;
import io.tributary.gateway.kafka.LiveTail;
import io.tributary.gateway.sse.JobJson;
import io.tributary.gateway.sse.JobMessages;
import io.tributary.gateway.timeline.TimelineRegistry;
import io.tributary.gateway.timeline.TimelineResources;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** Wires the gateway's Kafka readers, its command producer, the timelines and their meters. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewayProperties.class)
class GatewayConfiguration {

    /** How long a reader waits at start-up for the broker and its topics before the start fails. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Starts from Spring Boot's consumer and producer settings ({@code spring.kafka.*}), bootstrap
     * servers included.
     */
    @Bean
    KafkaClientSettings kafkaClientSettings(ConsumerFactory<?, ?> consumerFactory,
            ProducerFactory<?, ?> producerFactory) {
        return new KafkaClientSettings(consumerFactory.getConfigurationProperties(),
                producerFactory.getConfigurationProperties());
    }

    /** Every Kafka client of the gateway, each with its Kafka metrics on the registry. */
    @Bean(destroyMethod = "close")
    KafkaClients kafkaClients(KafkaClientSettings settings, MeterRegistry registry) {
        return new KafkaClients(settings, registry);
    }

    @Bean(destroyMethod = "close")
    JobCommandPublisher jobCommandPublisher(KafkaClients clients, GatewayProperties properties) {
        return new JobCommandPublisher(clients, properties.commandTimeout());
    }

    @Bean
    JobArrivals jobArrivals() {
        return new JobArrivals();
    }

    @Bean
    JobStateView jobStateView(KafkaClients clients, Clock clock, JobArrivals arrivals) {
        return new JobStateView(clients, clock, START_TIMEOUT, arrivals);
    }

    @Bean
    JobDirectory jobDirectory(GatewayProperties properties, JobArrivals arrivals, GatewayMetrics metrics) {
        JobDirectory directory = new JobDirectory(properties.directoryRetention(), properties.directoryMaxJobs(),
                arrivals);
        metrics.gauge("tributary.gateway.directory.jobs",
                "Jobs whose start this gateway's live tail has read and still holds", directory::size);
        return directory;
    }

    @Bean
    LiveTail liveTail(KafkaClients clients, Clock clock, GatewayMetrics metrics, JobDirectory directory) {
        LiveTail tail = new LiveTail(clients, clock, START_TIMEOUT, metrics.tailReceipts(), directory);
        metrics.gauge("tributary.gateway.tail.lag", "Records of jobs.deltas the live tail has yet to read, summed over partitions",
                tail::lag);
        return tail;
    }

    @Bean
    GatewayMetrics gatewayMetrics(MeterRegistry registry) {
        return new GatewayMetrics(registry);
    }

    @Bean(destroyMethod = "close")
    CatchUpReader catchUpReader(KafkaClients clients, GatewayProperties properties, Clock clock,
            GatewayMetrics metrics) {
        CatchUpReader reader = new CatchUpReader(clients, properties.catchUpReaders(), properties.catchUpTimeout(),
                clock, metrics.catchUpReads());
        reader.warm(START_TIMEOUT);
        return reader;
    }

    /**
     * Runs the timelines: each job's work is serialized on one worker; workers never block (history reads
     * run on the catch-up readers), so one thread per core serves any number of jobs.
     */
    @Bean(destroyMethod = "dispose")
    Scheduler timelineScheduler() {
        return Schedulers.newParallel("tributary-timeline", Runtime.getRuntime().availableProcessors(), true);
    }

    @Bean
    JobMessages jobMessages() {
        return new JobMessages(new JobJson());
    }

    @Bean(destroyMethod = "close")
    TimelineRegistry timelineRegistry(LiveTail tail, CatchUpReader catchUp, JobMessages messages,
            Scheduler timelineScheduler, GatewayProperties properties, Clock clock, GatewayMetrics metrics) {
        TimelineResources resources = new TimelineResources(tail, catchUp, messages, timelineScheduler,
                properties.viewerBuffer(), metrics.deliveries());
        TimelineRegistry registry = new TimelineRegistry(resources, clock, properties.evictionGrace());
        metrics.gauge("tributary.gateway.timelines", "Jobs whose timeline this gateway holds in memory",
                registry::size);
        metrics.gauge("tributary.gateway.catch.up.reads.in.flight", "History reads running or queued",
                catchUp::inFlight);
        return registry;
    }

    @Bean
    GatewayHealthIndicator gatewayHealthIndicator(JobStateView view, LiveTail tail) {
        return new GatewayHealthIndicator(view, tail);
    }

    /**
     * Ends every open SSE stream when the application stops, before the web server's graceful shutdown
     * (which would otherwise wait its whole timeout for streams that never end by themselves). Viewers
     * reconnect with their last event id, to this gateway once restarted or to another one.
     */
    @Bean
    SmartLifecycle streamsShutdown(TimelineRegistry registry) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                running = true;
            }

            @Override
            public void stop() {
                running = false;
                registry.close();
            }

            @Override
            public boolean isRunning() {
                return running;
            }
        };
    }
}
