package io.tributary.ingest.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.tributary.ingest.publish.KafkaJobEventPublisher;
import io.tributary.schema.JobEvent;
import io.tributary.schema.topic.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ProducerFactory;

/**
 * The producer of {@code jobs.deltas}. Settings come from {@code spring.kafka.producer.*}
 * (application.yml explains the chosen values); the serdes come from {@link Topics#JOB_DELTAS} and
 * idempotence with {@code acks=all} is enforced here, because the dense {@code seq} of a job relies on
 * the log never duplicating nor reordering its events.
 */
@Configuration(proxyBeanMethods = false)
class KafkaProducerConfiguration {

    /** How long to wait for unsent events when the application closes the producer. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    @Bean(destroyMethod = "close")
    KafkaJobEventPublisher jobEventPublisher(ProducerFactory<?, ?> producers) {
        // From the auto-configured factory: it carries the connection details and SSL bundles too.
        Map<String, Object> settings = new HashMap<>(producers.getConfigurationProperties());
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        Object clientId = settings.getOrDefault(ProducerConfig.CLIENT_ID_CONFIG, "ingest");
        // A producer dropped by a fenced instance is replaced; each gets its own client id (metrics, JMX).
        AtomicInteger generation = new AtomicInteger();
        KafkaJobEventPublisher publisher = new KafkaJobEventPublisher(() -> {
            Map<String, Object> own = new HashMap<>(settings);
            own.put(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-events-" + generation.incrementAndGet());
            return new KafkaProducer<String, JobEvent>(own, Topics.JOB_DELTAS.keySerde().serializer(),
                    Topics.JOB_DELTAS.valueSerde().serializer());
        }, CLOSE_TIMEOUT);
        publisher.warm();
        return publisher;
    }
}
