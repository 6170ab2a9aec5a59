package io.tributary.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.tributary.support.security.TokenProperties;
import org.junit.jupiter.api.Test;

class StreamTokenSecretTest {

    private static final String BEARER_SECRET = "the-bearer-token-secret-of-32-bytes-or-more";
    private static final TokenProperties BEARER = new TokenProperties(BEARER_SECRET, null, null, null, null,
            Duration.ofSeconds(30));

    @Test
    void shouldUseTheConfiguredSecret() {
        String secret = "the-stream-token-secret-of-32-bytes-or-more";

        assertThat(StreamTokenSecret.resolve(new StreamTokenProperties(secret, Duration.ofMinutes(5)), BEARER))
                .isEqualTo(secret.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldDrawARandomSecretPerProcessWhenNoneIsSet() {
        byte[] first = StreamTokenSecret.resolve(new StreamTokenProperties(null, Duration.ofMinutes(5)), BEARER);
        byte[] second = StreamTokenSecret.resolve(new StreamTokenProperties("", Duration.ofMinutes(5)), BEARER);

        assertThat(first).hasSize(32);
        assertThat(second).hasSize(32).isNotEqualTo(first);
    }

    @Test
    void shouldRefuseAShortSecret() {
        assertThatThrownBy(() -> StreamTokenSecret.resolve(new StreamTokenProperties("too-short", Duration.ofMinutes(5)),
                BEARER)).isInstanceOf(IllegalStateException.class).hasMessageContaining("at least 32 bytes");
    }

    @Test
    void shouldRefuseTheBearerTokenSecret() {
        assertThatThrownBy(() -> StreamTokenSecret.resolve(new StreamTokenProperties(BEARER_SECRET,
                Duration.ofMinutes(5)), BEARER)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must differ from tributary.security.jwt-secret")
                .hasMessageNotContaining(BEARER_SECRET);
    }
}
