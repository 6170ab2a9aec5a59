package io.tributary.processor.streams;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a stream thread that died, so that a transient failure (a broker that went away, a
 * timeout) costs a rebalance rather than the process; but shuts the Kafka Streams client down once
 * {@code shutdownAfter} failures fall within {@code window}, because a failure that keeps coming
 * back (a poison record, a missing topic) would otherwise loop forever. The health then turns DOWN
 * and the orchestrator restarts the process.
 */
public final class ThreadReplacingExceptionHandler implements StreamsUncaughtExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ThreadReplacingExceptionHandler.class);

    private final int shutdownAfter;
    private final Duration window;
    private final Clock clock;
    private final Deque<Instant> recentFailures = new ArrayDeque<>();

    /**
     * @param shutdownAfter the failure, counted within {@code window}, that shuts the client down
     *     rather than replacing the thread; 1 shuts down at the first failure
     * @param window how far back failures count
     * @param clock the time of each failure
     */
    public ThreadReplacingExceptionHandler(int shutdownAfter, Duration window, Clock clock) {
        if (shutdownAfter < 1) {
            throw new IllegalArgumentException("shutdownAfter must be at least 1, was " + shutdownAfter);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, was " + window);
        }
        this.shutdownAfter = shutdownAfter;
        this.window = window;
        this.clock = clock;
    }

    @Override
    public StreamThreadExceptionResponse handle(Throwable exception) {
        int failures = recordFailure();
        if (failures >= shutdownAfter) {
            log.error("Stream thread failed {} times within {}; shutting the Kafka Streams client down",
                    failures, window, exception);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        log.warn("Stream thread failed ({} of {} allowed within {}); replacing it",
                failures, shutdownAfter - 1, window, exception);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    /** Stream threads fail concurrently, hence synchronized. */
    private synchronized int recordFailure() {
        Instant now = clock.instant();
        Instant oldestCounted = now.minus(window);
        while (!recentFailures.isEmpty() && !recentFailures.peekFirst().isAfter(oldestCounted)) {
            recentFailures.removeFirst();
        }
        recentFailures.addLast(now);
        return recentFailures.size();
    }
}
