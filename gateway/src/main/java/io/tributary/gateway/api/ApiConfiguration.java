package io.tributary.gateway.api;

import java.time.Clock;

import io.tributary.gateway.audit.AccessRecords;
import io.tributary.gateway.audit.Auditors;
import io.tributary.gateway.config.GatewayMetrics;
import io.tributary.gateway.config.GatewayProperties;
import io.tributary.gateway.kafka.CatchUpReader;
import io.tributary.gateway.kafka.JobArrivals;
import io.tributary.gateway.kafka.JobCommandPublisher;
import io.tributary.gateway.kafka.JobDirectory;
import io.tributary.gateway.kafka.JobStateView;
import io.tributary.gateway.kafka.KafkaClients;
import io.tributary.gateway.kafka.LiveTail;
import io.tributary.gateway.kafka.TopicWindowScan;
import io.tributary.gateway.sse.JobMessages;
import io.tributary.gateway.timeline.TimelineRegistry;
import io.tributary.schema.topic.Topics;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class ApiConfiguration {

    @Bean
    JobLookup jobLookup(JobStateView view, JobDirectory directory, JobArrivals arrivals, TimelineRegistry timelines,
            GatewayProperties properties, Clock clock) {
        return new JobLookup(view, directory, arrivals, timelines, properties.attachWait(), clock);
    }

    @Bean
    JobReads jobReads(JobLookup lookup, Auditors auditors, AccessRecords records) {
        return new JobReads(lookup, auditors, records);
    }

    @Bean
    JobEventReads jobEventReads(LiveTail tail, CatchUpReader catchUp) {
        return new JobEventReads(tail, catchUp);
    }

    @Bean(destroyMethod = "close")
    TopicWindowScan jobStartScan(KafkaClients clients, GatewayProperties properties, Clock clock) {
        return new TopicWindowScan(clients, Topics.JOB_DELTAS.name(), "job-start-scan", clock,
                properties.catchUpTimeout());
    }

    @Bean
    JobListings jobListings(@Qualifier("jobStartScan") TopicWindowScan scan, JobStateView view, JobDirectory directory, JobMessages messages,
            JsonMapper mapper) {
        return new JobListings(scan, view, directory, messages, mapper);
    }

    /** Jobs as read-only Durable Streams ({@code /v1/stream/jobs/{id}}). */
    @Bean
    JobEventSourceReads jobLog(JobReads reads, JobEventReads events, TimelineRegistry timelines, JsonMapper mapper) {
        return new JobEventSourceReads(reads, events, timelines, mapper);
    }

    @Bean
    JobReplays jobReplays(JobEventReads reads, JobMessages messages) {
        return new JobReplays(reads, messages);
    }

    @Bean
    RequestBodyLimit requestBodyLimit() {
        return new RequestBodyLimit();
    }

    @Bean
    JsonOnlyAnswers jsonOnlyAnswers() {
        return new JsonOnlyAnswers();
    }

    /** Picked up by Spring Security's filter chain (when it is the only one), for the requests its firewall refuses. */
    @Bean
    JsonRequestRejection jsonRequestRejection() {
        return new JsonRequestRejection();
    }

    @Bean
    JobAborts jobAborts(JobCommandPublisher commands, Clock clock, GatewayMetrics metrics) {
        return new JobAborts(commands, clock, metrics);
    }

    /** The job stream's and the notification feed's framing, keep-alive, retry hint and token expiry. */
    @Bean
    SseWriter sseWriter(GatewayProperties properties, Clock clock) {
        return new SseWriter(properties.pingInterval(), properties.retryHint(), new TokenExpiry(clock));
    }

    @Bean
    SseResponses sseResponses(SseWriter writer, GatewayMetrics metrics) {
        return new SseResponses(writer, metrics);
    }

    /** One count for job streams and notification feeds: both hold a connection of the user's. */
    @Bean
    StreamAdmission streamAdmission(GatewayProperties properties, GatewayMetrics metrics) {
        return new StreamAdmission(new OpenStreams(properties.maxStreamsPerUser()), metrics.streamsRefused());
    }
}
