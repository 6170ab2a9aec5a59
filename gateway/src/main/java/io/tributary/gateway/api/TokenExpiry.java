package io.tributary.gateway.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.tributary.gateway.sse.JobMessages;
import org.springframework.security.oauth2.jwt.Jwt;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * When an open stream must end because the token that authorized it expires. The token is checked once,
 * when the request arrives; without this, a stream opened a second before its token's {@code exp} could
 * go on for hours. At {@code exp} the stream gets the named event {@code token-expired} (which
 * {@code EventSource.onmessage} clients do not receive, and which carries no {@code id:}, so the
 * client's last event id stays that of the last real message) and then ends. A token without
 * {@code exp} never ends a stream. A token accepted within the clock skew after its {@code exp} ends
 * its stream at once, after the same event.
 */
final class TokenExpiry {

    private final Clock clock;

    TokenExpiry(Clock clock) {
        this.clock = clock;
    }

    /** The {@code token-expired} message, at the token's {@code exp}; nothing, ever, for a token without one. */
    Flux<byte[]> of(Jwt token) {
        Instant expiresAt = token.getExpiresAt();
        if (expiresAt == null) {
            return Flux.never();
        }
        return Mono.defer(() -> Mono.delay(until(expiresAt)))
                .thenMany(Flux.just(JobMessages.tokenExpired()));
    }

    private Duration until(Instant moment) {
        Duration left = Duration.between(clock.instant(), moment);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
