package io.tributary.gateway.audit;

import java.time.Clock;

import io.tributary.gateway.config.GatewayProperties;
import io.tributary.gateway.kafka.KafkaClients;
import io.tributary.gateway.kafka.TopicPublisher;
import io.tributary.gateway.kafka.TopicWindowScan;
import io.tributary.schema.AuditAccess;
import io.tributary.schema.topic.Topics;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
class AuditConfiguration {

    @Bean
    Auditors auditors(AuditProperties properties) {
        return new Auditors(properties);
    }

    @Bean(destroyMethod = "close")
    TopicPublisher<AuditAccess> auditAccessPublisher(KafkaClients clients, GatewayProperties properties) {
        return new TopicPublisher<>(clients, Topics.AUDIT_ACCESS, "audit", properties.commandTimeout());
    }

    @Bean
    AccessRecords accessRecords(TopicPublisher<AuditAccess> publisher, Clock clock) {
        return new AccessRecords(publisher, clock);
    }

    @Bean(destroyMethod = "close")
    TopicWindowScan auditAccessScan(KafkaClients clients, GatewayProperties properties, Clock clock) {
        return new TopicWindowScan(clients, Topics.AUDIT_ACCESS.name(), "audit-scan", clock,
                properties.catchUpTimeout());
    }
}
