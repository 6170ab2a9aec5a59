package io.tributary.gateway.api;

import io.tributary.gateway.config.GatewayMetrics;
import io.tributary.gateway.config.GatewayProperties;
import io.tributary.gateway.kafka.JobStateView;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ApiConfiguration {

    @Bean
    JobLookup jobLookup(JobStateView view, GatewayProperties properties) {
        return new JobLookup(view, properties.attachWait());
    }

    @Bean
    SseResponses sseResponses(GatewayProperties properties, GatewayMetrics metrics) {
        return new SseResponses(properties.pingInterval(), properties.retryHint(), metrics);
    }
}
