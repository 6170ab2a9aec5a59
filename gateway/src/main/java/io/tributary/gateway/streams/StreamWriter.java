package io.tributary.gateway.streams;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import io.tributary.gateway.kafka.TopicPublisher;
import io.tributary.schema.StreamOperation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Writes a request to {@code streams.log} and completes with the verdict this gateway's registry
 * reaches when it applies it: the request's answer, the same every gateway reaches. Acknowledged by
 * every in-sync replica first ({@code acks=all}, idempotent), so an answer never reports what a broker
 * failure could undo. Then writes the tombstones the verdict calls for, so that compaction frees what
 * deleted and expired streams and refused requests held.
 */
final class StreamWriter {

    private static final Logger log = LoggerFactory.getLogger(StreamWriter.class);
    private static final int TOMBSTONES_IN_FLIGHT = 64;

    private final TopicPublisher<StreamOperation> publisher;
    private final StreamRegistry registry;
    private final StreamMetrics metrics;
    private final Duration timeout;

    /** @param timeout how long the write and its read-back may take before the request answers 503 */
    StreamWriter(TopicPublisher<StreamOperation> publisher, StreamRegistry registry, StreamMetrics metrics,
            Duration timeout) {
        this.publisher = publisher;
        this.registry = registry;
        this.metrics = metrics;
        this.timeout = timeout;
    }

    Mono<Verdict> submit(StreamOperation operation) {
        return Mono.defer(() -> {
            String id = operation.getOperationId();
            CompletableFuture<Verdict> verdict = registry.awaitVerdict(id);
            long start = System.nanoTime();
            return publisher.publish(StreamLogKeys.of(operation), operation)
                    .then(Mono.fromFuture(verdict, true))
                    // Completed on the log's thread: the rest of the request runs elsewhere.
                    .publishOn(Schedulers.parallel())
                    .timeout(timeout, Mono.error(() -> new TimeoutException("No verdict on " + id + " after " + timeout)))
                    .doOnNext(answer -> metrics.written(operation.getKind().name(), answer.status(),
                            System.nanoTime() - start))
                    .doOnNext(this::compact)
                    .doFinally(signal -> registry.forget(id));
        });
    }

    /**
     * Removes from the log what no stream rests on any more, without holding up the answer: all the keys
     * but the last at once, then the last (the operation that removed a stream, if it did), so that a
     * replay never sees a removal without what it removed. Should it fail, the records stay: a replay
     * applies them again to the same end, and the next removal of nothing cleans nothing up.
     */
    private void compact(Verdict verdict) {
        List<String> keys = verdict.tombstones();
        if (keys.isEmpty()) {
            return;
        }
        String last = keys.get(keys.size() - 1);
        Flux.fromIterable(keys.subList(0, keys.size() - 1))
                .flatMap(key -> publisher.publish(key, null), TOMBSTONES_IN_FLIGHT)
                .then(publisher.publish(last, null))
                .subscribe(written -> metrics.tombstones(keys.size(), 0), error -> {
                    metrics.tombstones(0, keys.size());
                    log.warn("Could not remove {} records of streams.log: {}", keys.size(), error.toString());
                });
    }
}
