package io.tributary.bench.sse;

import org.jspecify.annotations.Nullable;

/**
 * One SSE message as a viewer reads it.
 *
 * @param id the {@code id:} field, or null when the message has none
 * @param data the {@code data:} lines joined with LF
 * @param receivedNanos {@link System#nanoTime()} when the bytes that completed it arrived
 */
public record SseEvent(@Nullable String id, String data, long receivedNanos) {
}
