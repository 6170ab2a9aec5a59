package io.tributary.gateway.timeline;

import org.jspecify.annotations.Nullable;

/**
 * A job cannot be served right now: its history could not be read from Kafka (broker unreachable, read
 * timed out), or the gateway is shutting down. The client should retry (HTTP 503).
 */
public final class TimelineUnavailableException extends RuntimeException {

    TimelineUnavailableException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
