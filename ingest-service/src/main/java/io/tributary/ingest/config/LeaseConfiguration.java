package io.tributary.ingest.config;

import java.time.Clock;
import java.util.HashMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.ingest.job.JobEventPublisher;
import io.tributary.ingest.job.JobFencing;
import io.tributary.ingest.job.JobRegistry;
import io.tributary.ingest.lease.KafkaLeaseWriter;
import io.tributary.ingest.lease.LeaseMetrics;
import io.tributary.ingest.lease.LeaseProperties;
import io.tributary.ingest.lease.LeasePublisher;
import io.tributary.ingest.lease.LeaseWriter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ProducerFactory;

/** The instance's liveness lease and what losing it does to the jobs. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({LeaseProperties.class, IngestProperties.class})
class LeaseConfiguration {

    @Bean
    KafkaLeaseWriter leaseWriter(ProducerFactory<?, ?> producers, LeaseProperties lease) {
        return new KafkaLeaseWriter(new HashMap<>(producers.getConfigurationProperties()), lease);
    }

    @Bean
    LeasePublisher leasePublisher(LeaseWriter leaseWriter, LeaseProperties lease, IngestProperties properties,
            Clock clock, JobRegistry registry, JobEventPublisher publisher, MeterRegistry meters) {
        return new LeasePublisher(properties.instanceId(), leaseWriter, lease, clock,
                new JobFencing(registry, publisher), new LeaseMetrics(meters));
    }
}
