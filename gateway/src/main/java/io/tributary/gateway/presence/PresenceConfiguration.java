package io.tributary.gateway.presence;

import java.time.Clock;
import java.util.UUID;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.gateway.kafka.KafkaClients;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the viewer presence: one producer and one registry of open streams per gateway process. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PresenceProperties.class)
class PresenceConfiguration {

    @Bean(destroyMethod = "close")
    PresencePublisher presencePublisher(KafkaClients clients, PresenceProperties properties,
            MeterRegistry registry) {
        return new PresencePublisher(clients, properties.sendTimeout(), properties.lease(), registry);
    }

    /** Closed before the publisher (it depends on it), so that its goodbyes are still written. */
    @Bean(destroyMethod = "close")
    ViewerConnections viewerConnections(PresencePublisher publisher, Clock clock, PresenceProperties properties,
            MeterRegistry registry) {
        ViewerConnections connections = new ViewerConnections(publisher, clock, properties,
                "gateway-" + UUID.randomUUID());
        Gauge.builder("tributary.gateway.presence.connections", connections, ViewerConnections::size)
                .description("Streams of live jobs this gateway reports as watching on jobs.viewers")
                .register(registry);
        return connections;
    }
}
