package io.tributary.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** Tokens checked with the decoder the services configure (service-support): HS256 with the shared secret. */
class DevTokensTest {

    @Test
    void shouldMintATokenTheServicesAcceptWithTheUserAsSubject() {
        String token = DevTokens.local().mint("demo", Duration.ofHours(24));

        Jwt jwt = decoder(DevTokens.LOCAL_SECRET).decode(token);

        assertThat(jwt.getSubject()).isEqualTo("demo");
        assertThat(jwt.getHeaders()).containsEntry("alg", "HS256");
        assertThat(jwt.getClaimAsString("iss")).isEqualTo(DevTokens.ISSUER);
    }

    @Test
    void shouldExpireAfterTheGivenValidity() {
        Instant now = Instant.parse("2030-01-01T10:00:00Z");
        String token = new DevTokens(DevTokens.LOCAL_SECRET, Clock.fixed(now, ZoneOffset.UTC))
                .mint("demo", Duration.ofHours(24));

        Jwt jwt = NimbusJwtDecoder.withSecretKey(key(DevTokens.LOCAL_SECRET)).macAlgorithm(MacAlgorithm.HS256)
                .build().decode(token);

        assertThat(jwt.getIssuedAt()).isEqualTo(now);
        assertThat(jwt.getExpiresAt()).isEqualTo(now.plus(Duration.ofHours(24)));
    }

    @Test
    void shouldBeRejectedOnceExpired() {
        Clock yesterday = Clock.offset(Clock.systemUTC(), Duration.ofDays(-1));
        String token = new DevTokens(DevTokens.LOCAL_SECRET, yesterday).mint("demo", Duration.ofHours(1));

        assertThatThrownBy(() -> decoder(DevTokens.LOCAL_SECRET).decode(token)).isInstanceOf(JwtException.class);
    }

    @Test
    void shouldBeRejectedByAServiceWithAnotherSecret() {
        String token = DevTokens.local().mint("demo", Duration.ofHours(1));

        assertThatThrownBy(() -> decoder("another-secret-of-at-least-thirty-two-bytes").decode(token))
                .isInstanceOf(JwtException.class);
    }

    @Test
    void shouldRefuseASecretShorterThan32Bytes() {
        assertThatThrownBy(() -> new DevTokens("too-short", Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes");
    }

    private static JwtDecoder decoder(String secret) {
        // With the default validators, as the services have them: the expiry is checked.
        return NimbusJwtDecoder.withSecretKey(key(secret)).macAlgorithm(MacAlgorithm.HS256).build();
    }

    private static SecretKeySpec key(String secret) {
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }
}
