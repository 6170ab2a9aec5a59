package io.tributary.gateway.security;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Stream tokens, which authorize one SSE stream from a browser.
 *
 * @param secret the HS256 secret of stream tokens, at least 32 bytes and different from
 *     {@code tributary.security.jwt-secret}; every gateway behind one load balancer needs the same one,
 *     since the gateway that issues a token is not always the one the browser then opens the stream
 *     on. Unset, each process draws a random secret of its own (and says so at start-up).
 * @param ttl how long a stream token opens its stream (never longer than the bearer token it was
 *     obtained with): long enough to open the stream after asking, short enough that a URL left in a
 *     log or history is soon worthless
 */
@ConfigurationProperties("tributary.security.stream-token")
public record StreamTokenProperties(@Nullable String secret, @DefaultValue("5m") Duration ttl) {
}
