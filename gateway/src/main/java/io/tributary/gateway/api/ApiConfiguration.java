package io.tributary.gateway.api;

import java.time.Clock;

import io.tributary.gateway.config.GatewayMetrics;
import io.tributary.gateway.config.GatewayProperties;
import io.tributary.gateway.kafka.JobCommandPublisher;
import io.tributary.gateway.kafka.JobStateView;
import io.tributary.gateway.timeline.TimelineRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ApiConfiguration {

    @Bean
    JobLookup jobLookup(JobStateView view, GatewayProperties properties) {
        return new JobLookup(view, properties.attachWait());
    }

    @Bean
    JobAborts jobAborts(TimelineRegistry timelines, JobCommandPublisher commands, Clock clock,
            GatewayMetrics metrics) {
        return new JobAborts(timelines, commands, clock, metrics);
    }

    @Bean
    SseResponses sseResponses(GatewayProperties properties, GatewayMetrics metrics) {
        return new SseResponses(properties.pingInterval(), properties.retryHint(), metrics);
    }
}
