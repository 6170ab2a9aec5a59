package io.tributary.gateway.api;

import java.time.Duration;

import io.tributary.gateway.kafka.TopicReplica;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * A view that answers only once its replica has read what its topics held at start-up: before that,
 * an empty inbox or an unmuted thread proves nothing, so a request waits a moment and then gets a 503.
 */
final class ReadyView<V> {

    private final V view;
    private final TopicReplica replica;
    private final Duration wait;
    private final String reading;

    /** @param reading what the replica reads, for the 503's message */
    ReadyView(V view, TopicReplica replica, Duration wait, String reading) {
        this.view = view;
        this.replica = replica;
        this.wait = wait;
        this.reading = reading;
    }

    /** The view once ready; a 503 if it is not within the wait. */
    Mono<V> ready() {
        return replica.awaitReady(wait).flatMap(ready -> ready
                ? Mono.just(view)
                : Mono.error(new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                        "The gateway is still reading " + reading)));
    }
}
