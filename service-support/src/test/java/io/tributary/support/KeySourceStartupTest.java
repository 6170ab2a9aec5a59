package io.tributary.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.support.security.BearerTokenSecurityAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

/** A service starts only with exactly one usable key source for bearer tokens, and says why otherwise. */
class KeySourceStartupTest {

    private static final String SECRET = "test-secret-that-is-at-least-32-bytes-long";

    private final ReactiveWebApplicationContextRunner context = new ReactiveWebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(BearerTokenSecurityAutoConfiguration.class));

    @Test
    void shouldStartWithOneKeySource() {
        context.withPropertyValues("tributary.security.jwt-secret=" + SECRET)
                .run(started -> assertThat(started).hasNotFailed());
        context.withPropertyValues("tributary.security.jwk-set-uri=http://localhost:1/jwks.json")
                .run(started -> assertThat(started).hasNotFailed());
        context.withPropertyValues("tributary.security.issuer-uri=http://localhost:1")
                .run(started -> assertThat(started).hasNotFailed());
    }

    @Test
    void shouldRefuseToStartWithoutAKeySource() {
        context.withPropertyValues("tributary.security.jwt-secret=")
                .run(started -> assertThat(started).getFailure().rootCause()
                        .hasMessageContaining("Configure exactly one key source for bearer tokens")
                        .hasMessageContaining("none is set"));
    }

    @Test
    void shouldRefuseToStartWithTwoKeySources() {
        context.withPropertyValues("tributary.security.jwt-secret=" + SECRET,
                        "tributary.security.jwk-set-uri=http://localhost:1/jwks.json")
                .run(started -> assertThat(started).getFailure().rootCause()
                        .hasMessageContaining("found jwt-secret and jwk-set-uri"));
        context.withPropertyValues("tributary.security.jwk-set-uri=http://localhost:1/jwks.json",
                        "tributary.security.issuer-uri=http://localhost:1")
                .run(started -> assertThat(started).getFailure().rootCause()
                        .hasMessageContaining("found jwk-set-uri and issuer-uri"));
    }

    @Test
    void shouldRefuseToStartWithAShortSecret() {
        context.withPropertyValues("tributary.security.jwt-secret=too-short-a-secret-for-hs256")
                .run(started -> assertThat(started).getFailure().rootCause()
                        .hasMessageContaining("must be at least 32 bytes")
                        .hasMessageNotContaining("too-short-a-secret"));
    }
}
