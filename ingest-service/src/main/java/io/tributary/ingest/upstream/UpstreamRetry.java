package io.tributary.ingest.upstream;

import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleSupplier;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;

/**
 * Sends an upstream request again when it was refused before anything was streamed and another try
 * may succeed (see {@link RetryProperties}): after a doubling backoff with jitter, or after the
 * upstream's {@code Retry-After} when it gave one. Only the opening of a request is retried, never a
 * stream that has begun, so no content can be written twice.
 */
public final class UpstreamRetry {

    /** The refusals that say "not now" rather than "not this request". */
    private static final Set<Integer> RETRYABLE_STATUSES = Set.of(429, 502, 503);
    /** The {@link RetryListener} cause of a request that found no connection. */
    public static final String CONNECT = "connect";

    private final RetryProperties properties;
    private final Clock clock;
    private final Scheduler delays;
    private final DoubleSupplier random;

    /**
     * @param delays where the waits between attempts run
     * @param random values in [0, 1) for the jitter
     */
    public UpstreamRetry(RetryProperties properties, Clock clock, Scheduler delays, DoubleSupplier random) {
        this.properties = properties;
        this.clock = clock;
        this.delays = delays;
        this.random = random;
    }

    /** What each retry is told to. */
    @FunctionalInterface
    public interface RetryListener {

        /**
         * @param cause {@link #CONNECT}, or the HTTP status that refused
         * @param attempt the number of the attempt about to be made (2 for the first retry)
         * @param delay how long until it is made
         */
        void retrying(String cause, long attempt, Duration delay);
    }

    /**
     * The request, sent again as the policy allows. A refusal that is still there after the last
     * attempt is emitted as the upstream gave it; a connection failure is the last one's error.
     *
     * @param request sends the request once per subscription
     */
    public Mono<UpstreamResponse> withRetries(Mono<UpstreamResponse> request, RetryListener listener) {
        if (properties.maxAttempts() == 1) {
            return request;
        }
        return request
                .flatMap(response -> response instanceof UpstreamResponse.Rejected rejected
                        && RETRYABLE_STATUSES.contains(rejected.status())
                        ? Mono.<UpstreamResponse>error(new RetryableRefusal(rejected))
                        : Mono.just(response))
                .retryWhen(Retry.from(signals -> signals.concatMap(signal -> {
                    long attemptsMade = signal.totalRetries() + 1;
                    Throwable failure = signal.failure();
                    Optional<Duration> delay = attemptsMade >= properties.maxAttempts()
                            ? Optional.empty()
                            : delayBefore(attemptsMade + 1, failure);
                    if (delay.isEmpty()) {
                        return Mono.error(failure);
                    }
                    listener.retrying(causeOf(failure), attemptsMade + 1, delay.get());
                    return Mono.delay(delay.get(), delays);
                })))
                .onErrorResume(RetryableRefusal.class, refusal -> Mono.just(refusal.rejected()));
    }

    /** How long to wait before the given attempt after this failure; empty when it is not to be retried. */
    Optional<Duration> delayBefore(long attempt, Throwable failure) {
        if (failure instanceof RetryableRefusal refusal) {
            Optional<Duration> asked = RetryAfter.parse(refusal.rejected().retryAfter(), clock);
            if (asked.isPresent()) {
                return asked.get().compareTo(properties.maxRetryAfter()) > 0 ? Optional.empty() : asked;
            }
            return Optional.of(backoffBefore(attempt));
        }
        return foundNoConnection(failure) ? Optional.of(backoffBefore(attempt)) : Optional.empty();
    }

    /** The doubling backoff before an attempt (2 is the first retry), capped, less a random part. */
    Duration backoffBefore(long attempt) {
        double doubled = properties.initialBackoff().toMillis() * Math.pow(2, attempt - 2);
        double backoff = Math.min(properties.maxBackoff().toMillis(), doubled);
        return Duration.ofMillis(Math.round(backoff * (1 - properties.jitter() * random.getAsDouble())));
    }

    /** No connection could be made, so the upstream never saw the request: always safe to send again. */
    private static boolean foundNoConnection(Throwable failure) {
        if (!(failure instanceof UpstreamUnreachableException)) {
            return false;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    private static String causeOf(Throwable failure) {
        return failure instanceof RetryableRefusal refusal ? Integer.toString(refusal.rejected().status()) : CONNECT;
    }

    /** Carries a refusal worth another try through Reactor's retry, which works on errors. */
    static final class RetryableRefusal extends RuntimeException {

        private final UpstreamResponse.Rejected rejected;

        RetryableRefusal(UpstreamResponse.Rejected rejected) {
            super("The upstream answered HTTP " + rejected.status(), null, false, false);
            this.rejected = rejected;
        }

        UpstreamResponse.Rejected rejected() {
            return rejected;
        }
    }
}
