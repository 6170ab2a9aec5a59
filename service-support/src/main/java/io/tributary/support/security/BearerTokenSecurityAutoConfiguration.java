package io.tributary.support.security;

import java.nio.charset.StandardCharsets;

import javax.crypto.spec.SecretKeySpec;

import io.tributary.support.web.JsonErrorWriter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;

/**
 * Every {@code /api/**} endpoint needs a bearer JWT signed with the configured HS256 secret; the
 * user is the token's {@code sub}. Health, info and metrics stay open for orchestrators and scrapers.
 * Refusals are JSON, like every other error of Tributary. A service without user endpoints (the
 * processor) leaves Spring Security off its classpath and this configuration stays out.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(name = "org.springframework.security.oauth2.jwt.ReactiveJwtDecoder")
@EnableWebFluxSecurity
@EnableConfigurationProperties(TokenProperties.class)
public class BearerTokenSecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ReactiveJwtDecoder tributaryJwtDecoder(TokenProperties properties) {
        byte[] secret = requireSecret(properties).getBytes(StandardCharsets.UTF_8);
        return NimbusReactiveJwtDecoder.withSecretKey(new SecretKeySpec(secret, "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
    }

    @Bean
    @ConditionalOnMissingBean
    SecurityWebFilterChain tributarySecurityFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder decoder) {
        ServerAuthenticationEntryPoint unauthorized = (exchange, e) -> JsonErrorWriter.write(
                exchange.getResponse(), HttpStatus.UNAUTHORIZED, "A valid bearer token is required",
                headers -> headers.set("WWW-Authenticate", "Bearer"));
        ServerAccessDeniedHandler forbidden = (exchange, e) -> JsonErrorWriter.write(
                exchange.getResponse(), HttpStatus.FORBIDDEN, "Forbidden", headers -> { });
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus").permitAll()
                        .pathMatchers("/api/**").authenticated()
                        .anyExchange().denyAll())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtDecoder(decoder))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .build();
    }

    private static String requireSecret(TokenProperties properties) {
        String secret = properties.jwtSecret();
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < TokenProperties.MIN_SECRET_BYTES) {
            throw new IllegalStateException("tributary.security.jwt-secret (TRIBUTARY_SECURITY_JWT_SECRET) must be set "
                    + "to at least " + TokenProperties.MIN_SECRET_BYTES + " bytes");
        }
        return secret;
    }
}
