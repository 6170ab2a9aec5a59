package io.tributary.ingest.config;

import java.util.HashMap;
import java.util.Map;

import io.tributary.ingest.control.ControlListener;
import io.tributary.ingest.control.JobCommands;
import io.tributary.ingest.job.JobMetrics;
import io.tributary.ingest.job.JobRegistry;
import io.tributary.schema.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * The reader of {@code jobs.control}: a plain consumer without a group (every instance reads every
 * command), reading only committed records, starting at the end.
 */
@Configuration(proxyBeanMethods = false)
class ControlConfiguration {

    @Bean
    ControlListener controlListener(ConsumerFactory<?, ?> consumers, JobRegistry registry, JobMetrics metrics) {
        // From the auto-configured factory: it carries the connection details and SSL bundles too.
        Map<String, Object> settings = new HashMap<>(consumers.getConfigurationProperties());
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        Object clientId = settings.getOrDefault(ConsumerConfig.CLIENT_ID_CONFIG, "ingest");
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-control");
        return new ControlListener(() -> new KafkaConsumer<>(settings, Topics.JOB_CONTROL.keySerde().deserializer(),
                Topics.JOB_CONTROL.valueSerde().deserializer()), new JobCommands(registry, metrics));
    }
}
