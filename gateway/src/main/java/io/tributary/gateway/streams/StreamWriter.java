package io.tributary.gateway.streams;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import io.tributary.gateway.kafka.TopicPublisher;
import io.tributary.schema.StreamOperation;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Writes a request to {@code streams.log} and completes with the verdict this gateway's registry
 * reaches when it applies it: the request's answer, the same every gateway reaches. Acknowledged by
 * every in-sync replica first ({@code acks=all}, idempotent), so an answer never reports what a broker
 * failure could undo.
 */
final class StreamWriter {

    private final TopicPublisher<StreamOperation> publisher;
    private final StreamRegistry registry;
    private final Duration timeout;

    /** @param timeout how long the write and its read-back may take before the request answers 503 */
    StreamWriter(TopicPublisher<StreamOperation> publisher, StreamRegistry registry, Duration timeout) {
        this.publisher = publisher;
        this.registry = registry;
        this.timeout = timeout;
    }

    Mono<Verdict> submit(StreamOperation operation) {
        return Mono.defer(() -> {
            String id = operation.getOperationId();
            CompletableFuture<Verdict> verdict = registry.awaitVerdict(id);
            return publisher.publish(operation.getPath(), operation)
                    .then(Mono.fromFuture(verdict, true))
                    // Completed on the log's thread: the rest of the request runs elsewhere.
                    .publishOn(Schedulers.parallel())
                    .timeout(timeout, Mono.error(() -> new TimeoutException("No verdict on " + id + " after " + timeout)))
                    .doFinally(signal -> registry.forget(id));
        });
    }
}
