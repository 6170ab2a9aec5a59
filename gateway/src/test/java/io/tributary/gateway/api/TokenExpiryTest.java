package io.tributary.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

class TokenExpiryTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String EXPIRED_EVENT = "event: token-expired\ndata: {\"error\":\"The token has expired\"}\n\n";

    private final TokenExpiry expiry = new TokenExpiry(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void shouldSayTheTokenExpiredOnceItsExpHasCome() {
        long started = System.nanoTime();
        List<byte[]> said = expiry.of(token(NOW.plusMillis(300))).collectList().block(Duration.ofSeconds(5));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(said).hasSize(1);
        assertThat(new String(said.get(0), StandardCharsets.UTF_8)).isEqualTo(EXPIRED_EVENT);
    }

    @Test
    void shouldSayItAtOnceForATokenAcceptedWithinTheClockSkewAfterItsExp() {
        List<byte[]> said = expiry.of(token(NOW.minusSeconds(20))).collectList().block(Duration.ofMillis(500));

        assertThat(said).extracting(bytes -> new String(bytes, StandardCharsets.UTF_8)).containsExactly(EXPIRED_EVENT);
    }

    @Test
    void shouldNeverEndAStreamWhoseTokenHasNoExp() {
        List<byte[]> said = expiry.of(token(null)).take(Duration.ofMillis(300)).collectList().block(Duration.ofSeconds(5));

        assertThat(said).isEmpty();
    }

    private static Jwt token(@Nullable Instant expiresAt) {
        Jwt.Builder token = Jwt.withTokenValue("token").header("alg", "HS256").subject("alice");
        if (expiresAt != null) {
            token.expiresAt(expiresAt);
        }
        return token.build();
    }
}
