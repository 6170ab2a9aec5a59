package io.tributary.gateway.streams;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.gateway.kafka.KafkaClients;
import io.tributary.gateway.kafka.ReplicatedTopic;
import io.tributary.gateway.kafka.TopicPublisher;
import io.tributary.gateway.kafka.TopicReplica;
import io.tributary.schema.StreamOperation;
import io.tributary.schema.topic.TopicDefinitions;
import io.tributary.schema.topic.Topics;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Durable Streams at {@code /v1/stream/}: the registry every stream lives in, the replica that applies
 * {@code streams.log} to it (read whole from the beginning, like the inboxes), the writer, and the
 * routes.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DurableStreamsProperties.class)
public class DurableStreamsConfiguration {

    /** How long the replica's start waits for the broker and the topic. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** How long a request that comes while the gateway starts waits for the log to be read. */
    private static final Duration READY_WAIT = Duration.ofSeconds(5);

    @Bean
    StreamRegistry streamRegistry() {
        return new StreamRegistry();
    }

    @Bean
    TopicReplica streamsReplica(KafkaClients clients, StreamRegistry registry, Clock clock) {
        return new TopicReplica("streams", clients, List.of(new ReplicatedTopic<>(Topics.STREAMS_LOG, registry::apply)),
                clock, START_TIMEOUT);
    }

    @Bean(destroyMethod = "close")
    TopicPublisher<StreamOperation> streamsPublisher(KafkaClients clients, DurableStreamsProperties properties) {
        return new TopicPublisher<>(clients, Topics.STREAMS_LOG, "streams", properties.writeTimeout(),
                Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, TopicDefinitions.STREAMS_MAX_MESSAGE_BYTES,
                        ProducerConfig.PARTITIONER_CLASS_CONFIG, StreamPathPartitioner.class,
                        ProducerConfig.LINGER_MS_CONFIG, (int) properties.linger().toMillis(),
                        // Kafka asks delivery.timeout.ms ≥ linger.ms + request.timeout.ms (the write timeout).
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                        (int) properties.writeTimeout().plus(properties.linger()).toMillis()));
    }

    @Bean
    StreamWriter streamWriter(TopicPublisher<StreamOperation> publisher, StreamRegistry registry,
            MeterRegistry meters, DurableStreamsProperties properties) {
        return new StreamWriter(publisher, registry, new StreamMetrics(meters, registry), properties.writeTimeout());
    }

    @Bean
    StreamExpiries streamExpiries(StreamWriter writer, Clock clock) {
        return new StreamExpiries(writer, clock);
    }

    @Bean
    StreamExpirySweeper streamExpirySweeper(StreamRegistry registry, StreamExpiries expiries, Clock clock,
            DurableStreamsProperties properties) {
        return new StreamExpirySweeper(registry, expiries, clock, properties.expirySweep());
    }

    @Bean
    RouterFunction<ServerResponse> durableStreamsRoutes(StreamRegistry registry, StreamWriter writer,
            StreamExpiries expiries, @Qualifier("streamsReplica") TopicReplica replica,
            JobEventSource jobEvents, DurableStreamsProperties properties, Clock clock) {
        StreamCursors cursors = new StreamCursors(clock);
        StreamAccess access = new StreamAccess(new JobStreams(jobEvents, cursors, properties.longPollTimeout(),
                properties.sseReconnect()));
        StreamReads reads = new StreamReads(registry, access, cursors, clock, expiries,
                properties.longPollTimeout(), properties.sseReconnect(), properties.readChunk().toBytes());
        DurableStreamsHandler handler = new DurableStreamsHandler(registry, writer, reads, access, expiries, clock,
                (int) properties.maxAppend().toBytes());
        return RouterFunctions.route(RequestPredicates.path(StreamRequests.PREFIX + "**"), request -> replica.isReady()
                ? handler.handle(request)
                // Only while the gateway starts: wait a little for the log to be read, rather than refuse at once.
                : replica.awaitReady(READY_WAIT).flatMap(ready -> ready ? handler.handle(request)
                        : StreamResponses.error(503, "The streams are still being read from the log; retry", Map.of())));
    }

    @Bean
    ProtocolHeadersFilter durableStreamsHeaders() {
        return new ProtocolHeadersFilter();
    }
}
