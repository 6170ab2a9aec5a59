package io.tributary.gateway.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Requests that wait for a job the gateway does not know yet, and the signal that it has arrived. Both
 * places that learn of jobs (the live tail's {@link JobDirectory} and the {@link JobStateView} of
 * {@code jobs.state}) signal here, so a request waits once, for whichever knows the job first.
 */
public final class JobArrivals {

    private final Map<String, CompletableFuture<Boolean>> waiters = new ConcurrentHashMap<>();

    /**
     * What {@code lookup} finds for the job now, or once a source signals its arrival, waiting up to
     * {@code wait}; empty if nothing arrives in time.
     */
    public <T> Mono<T> await(String jobId, Duration wait, Function<String, @Nullable T> lookup) {
        return Mono.defer(() -> {
            T known = lookup.apply(jobId);
            if (known != null) {
                return Mono.just(known);
            }
            CompletableFuture<Boolean> arrival = waiters.computeIfAbsent(jobId, id -> new CompletableFuture<>());
            // The job may have arrived between the look-up and the registration.
            if (lookup.apply(jobId) != null) {
                arrival.complete(true);
            }
            // The future completes on a reader's polling thread: the waiter goes on elsewhere, so that a
            // request never holds up the reader. On time-out it looks once more: a waiter that shares the
            // future with one that timed out earlier may have lost its registration.
            return Mono.fromFuture(arrival, true)
                    .publishOn(Schedulers.parallel())
                    .timeout(wait, Mono.just(false))
                    .doFinally(signal -> waiters.remove(jobId, arrival))
                    .flatMap(arrived -> Mono.justOrEmpty(lookup.apply(jobId)));
        });
    }

    /** Wakes whoever waits for the job; called after the job has been stored where lookups find it. */
    public void arrived(String jobId) {
        CompletableFuture<Boolean> waiter = waiters.remove(jobId);
        if (waiter != null) {
            waiter.complete(true);
        }
    }
}
