package io.tributary.gateway.security;

import java.time.Clock;

import io.tributary.support.security.AlternativeAuthentication;
import io.tributary.support.security.TokenProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Stream tokens, and their place in the shared security chain as an {@link AlternativeAuthentication}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StreamTokenProperties.class)
class StreamTokenConfiguration {

    @Bean
    StreamTokens streamTokens(StreamTokenProperties properties, TokenProperties bearerTokens, Clock clock) {
        return new StreamTokens(StreamTokenSecret.resolve(properties, bearerTokens), properties.ttl(),
                bearerTokens.clockSkew(), clock);
    }

    @Bean
    AlternativeAuthentication streamTokenAuthentication(StreamTokens tokens) {
        return new StreamTokenAuthentication(tokens);
    }
}
