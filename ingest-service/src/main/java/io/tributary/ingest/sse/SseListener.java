package io.tributary.ingest.sse;

/** Receives what an {@link SseParser} finds, in stream order, on the thread that feeds the parser. */
public interface SseListener {

    /** A complete event with data (events without data are not dispatched, as the standard says). */
    void onEvent(SseEvent event);

    /**
     * A comment line ({@code ": OPENROUTER PROCESSING"}); the text is what follows the colon, as sent.
     * Upstreams send comments as keep-alives, so they matter to whoever watches for an idle stream.
     */
    default void onComment(String comment) {
    }

    /** A valid {@code retry} field: the reconnection time the server asks for. */
    default void onRetry(long millis) {
    }

    /** Something was dropped because it exceeded a size cap; the stream goes on after it. */
    default void onOversized(SseOversize what, long bytes) {
    }
}
