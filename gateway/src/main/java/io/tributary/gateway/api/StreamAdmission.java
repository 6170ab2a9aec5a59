package io.tributary.gateway.api;

import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * Lets an SSE request in only while its user holds fewer than the allowed streams ({@link OpenStreams}).
 * The place is taken before anything else happens (the job's look-up included, so waiting look-ups are
 * bounded too) and given back the moment the request ends, however it ends: the stream completed, the
 * client went away, an error. A refusal is a 429 {@code {"error": "Too many open streams"}} with
 * {@code Retry-After: 1}, before anything is written, so an {@code EventSource} sees a failed connection.
 */
final class StreamAdmission {

    static final String TOO_MANY = "Too many open streams";
    /** Seconds: a place frees as soon as one of the user's streams ends, so a retry soon may succeed. */
    private static final String RETRY_AFTER_SECONDS = "1";

    private final OpenStreams open;
    private final Counter refused;

    StreamAdmission(OpenStreams open, Counter refused) {
        this.open = open;
        this.refused = refused;
    }

    Mono<Void> admit(String userId, ServerHttpResponse response, Supplier<Mono<Void>> stream) {
        return Mono.using(
                () -> open.tryOpen(userId),
                admitted -> admitted ? stream.get() : refuse(response),
                admitted -> {
                    if (admitted) {
                        open.close(userId);
                    }
                });
    }

    private Mono<Void> refuse(ServerHttpResponse response) {
        refused.increment();
        // Set here rather than on the exception: the error advice answers with status and body only.
        response.getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        return Mono.error(new ResponseStatusException(HttpStatus.TOO_MANY_REQUESTS, TOO_MANY));
    }
}
