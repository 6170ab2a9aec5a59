package io.tributary.support.security;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * Every {@code /api/**} and {@code /v1/**} endpoint needs a bearer JWT checked against the configured
 * key source ({@link TokenProperties}), but for the paths that {@link AnonymousAccessProperties} opens; the user is the token's {@code sub}. A service may authenticate selected
 * requests another way through an {@link AlternativeAuthentication} bean. Health, info and metrics stay
 * open for orchestrators and scrapers. CORS follows {@link CorsProperties}. Refusals are JSON, like every
 * other error of Tributary. A service without user endpoints (the processor) leaves Spring Security off
 * its classpath and this configuration stays out.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(name = "org.springframework.security.oauth2.jwt.ReactiveJwtDecoder")
@EnableWebFluxSecurity
@EnableConfigurationProperties({TokenProperties.class, CorsProperties.class, AnonymousAccessProperties.class})
public class BearerTokenSecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ReactiveJwtDecoder tributaryJwtDecoder(TokenProperties properties, ObjectProvider<Clock> clock) {
        return BearerTokenDecoders.create(properties, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    @ConditionalOnMissingBean
    SecurityWebFilterChain tributarySecurityFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder decoder,
            ObjectProvider<AlternativeAuthentication> alternatives, CorsProperties cors,
            AnonymousAccessProperties anonymous) {
        CredentialRouting routing = new CredentialRouting(alternatives.orderedStream().toList(), decoder);
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .cors(ServerHttpSecurity.CorsSpec::disable)
                .addFilterAt(CorsAllowListFilter.of(cors), SecurityWebFiltersOrder.CORS)
                .authorizeExchange(exchanges -> {
                    exchanges.pathMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus").permitAll();
                    if (!anonymous.anonymousPaths().isEmpty()) {
                        exchanges.pathMatchers(anonymous.anonymousPaths().toArray(String[]::new)).permitAll();
                    }
                    exchanges.pathMatchers("/api/**", "/v1/**").authenticated()
                            .anyExchange().denyAll();
                })
                .oauth2ResourceServer(server -> server
                        .bearerTokenConverter(routing.converter())
                        .authenticationManagerResolver(routing.managers())
                        .authenticationEntryPoint(SecurityRefusals.unauthorized())
                        .accessDeniedHandler(SecurityRefusals.forbidden()))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(SecurityRefusals.unauthorized())
                        .accessDeniedHandler(SecurityRefusals.forbidden()))
                .build();
    }
}
