package io.tributary.bench.sse;

import org.jspecify.annotations.Nullable;

/**
 * One SSE message as a viewer reads it.
 *
 * @param id the {@code id:} field, or null when the message has none
 * @param type the {@code event:} field, or {@code message} when the message has none (as a browser's
 *     EventSource names it); Durable Streams tells its {@code data} and {@code control} events apart by it
 * @param data the {@code data:} lines joined with LF
 * @param receivedNanos {@link System#nanoTime()} when the bytes that completed it arrived
 */
public record SseEvent(@Nullable String id, String type, String data, long receivedNanos) {

    /** The type of a message without an {@code event:} field. */
    public static final String MESSAGE = "message";

    /** A message without an {@code event:} field, as the job streams send them. */
    public SseEvent(@Nullable String id, String data, long receivedNanos) {
        this(id, MESSAGE, data, receivedNanos);
    }
}
