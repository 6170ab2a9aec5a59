package io.tributary.ingest.config;

import java.util.Map;

import io.tributary.ingest.job.JobEventPublisher;
import io.tributary.ingest.publish.KafkaJobEventPublisher;
import io.tributary.schema.JobEvent;
import io.tributary.schema.topic.Topics;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * The producer of {@code jobs.deltas}. Settings come from {@code spring.kafka.producer.*}
 * (application.yml explains the chosen values); the serdes come from {@link Topics#JOB_DELTAS} and
 * idempotence with {@code acks=all} is enforced here, because the dense {@code seq} of a job relies on
 * the log never duplicating nor reordering its events.
 */
@Configuration(proxyBeanMethods = false)
class KafkaProducerConfiguration {

    /** Seconds to wait for unsent events when the application closes the producer. */
    private static final int CLOSE_TIMEOUT_SECONDS = 10;

    @Bean
    ProducerFactory<String, JobEvent> jobEventProducerFactory(KafkaProperties kafka) {
        Map<String, Object> settings = kafka.buildProducerProperties();
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        DefaultKafkaProducerFactory<String, JobEvent> factory = new DefaultKafkaProducerFactory<>(settings,
                Topics.JOB_DELTAS.keySerde().serializer(), Topics.JOB_DELTAS.valueSerde().serializer());
        factory.setPhysicalCloseTimeout(CLOSE_TIMEOUT_SECONDS);
        return factory;
    }

    @Bean
    KafkaTemplate<String, JobEvent> jobEventTemplate(ProducerFactory<String, JobEvent> jobEventProducerFactory) {
        return new KafkaTemplate<>(jobEventProducerFactory);
    }

    @Bean
    JobEventPublisher jobEventPublisher(KafkaTemplate<String, JobEvent> jobEventTemplate) {
        return new KafkaJobEventPublisher(jobEventTemplate);
    }
}
