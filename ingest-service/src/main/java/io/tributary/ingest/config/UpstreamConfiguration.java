package io.tributary.ingest.config;

import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

import io.netty.channel.ChannelOption;
import io.tributary.ingest.upstream.RetryProperties;
import io.tributary.ingest.upstream.UpstreamClient;
import io.tributary.ingest.upstream.UpstreamProperties;
import io.tributary.ingest.upstream.UpstreamRetry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.json.JsonMapper;

/** The HTTP client of the upstream: its own connection pool, sized for long-lived streams. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({UpstreamProperties.class, RetryProperties.class})
class UpstreamConfiguration {

    @Bean(destroyMethod = "dispose")
    ConnectionProvider upstreamConnections(UpstreamProperties properties) {
        return ConnectionProvider.builder("upstream")
                .maxConnections(properties.maxConnections())
                .build();
    }

    @Bean
    UpstreamClient upstreamClient(ConnectionProvider upstreamConnections, UpstreamProperties properties,
            JsonMapper json) {
        // No compression asked for: a foreground caller gets the upstream's bytes exactly as sent.
        HttpClient http = HttpClient.create(upstreamConnections)
                .compress(false)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(properties.connectTimeout().toMillis()));
        WebClient webClient = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(http))
                .build();
        return new UpstreamClient(webClient, properties, json);
    }

    @Bean
    UpstreamRetry upstreamRetry(RetryProperties retry, Clock clock) {
        return new UpstreamRetry(retry, clock, Schedulers.parallel(), () -> ThreadLocalRandom.current().nextDouble());
    }
}
