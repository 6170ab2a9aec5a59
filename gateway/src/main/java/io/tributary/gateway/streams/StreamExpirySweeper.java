package io.tributary.gateway.streams;

import java.time.Clock;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Writes the expiry of streams nobody asks for any more: a stream's time is otherwise only found up when
 * a request comes for it, and one that never comes would hold its memory and its records on {@code
 * streams.log} for ever. Every gateway sweeps; an expiry another gateway wrote first makes its own
 * void (and its writer removes it from the log).
 */
final class StreamExpirySweeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StreamExpirySweeper.class);
    private static final int EXPIRIES_IN_FLIGHT = 16;

    private final StreamRegistry registry;
    private final StreamExpiries expiries;
    private final Clock clock;
    private final Duration interval;
    private @Nullable Disposable sweeping;

    StreamExpirySweeper(StreamRegistry registry, StreamExpiries expiries, Clock clock, Duration interval) {
        this.registry = registry;
        this.expiries = expiries;
        this.clock = clock;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        sweeping = Flux.interval(interval, interval)
                .onBackpressureDrop()
                .concatMap(tick -> Flux.fromIterable(registry.expired(clock.instant()))
                        .flatMap(stream -> expiries.expire(stream).onErrorResume(error -> {
                            log.warn("Could not write the expiry of stream {}: {}", stream.path(), error.toString());
                            return Mono.empty();
                        }), EXPIRIES_IN_FLIGHT))
                .subscribe();
    }

    @Override
    public synchronized void stop() {
        if (sweeping != null) {
            sweeping.dispose();
            sweeping = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return sweeping != null;
    }
}
