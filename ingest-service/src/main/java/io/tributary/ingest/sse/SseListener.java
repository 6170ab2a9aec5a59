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

    /**
     * The bytes the parser has just consumed, exactly as fed: each run of bytes up to and including a
     * line's terminator (the whole CRLF when both bytes are in the same feed) is reported before that
     * line is processed, so the bytes of an event reach this method before the event reaches
     * {@link #onEvent}. The rest of a feed (an unfinished line, or the LF of a CRLF split across feeds)
     * is reported when the feed returns or with the next line. The array is the caller's: copy what is
     * kept.
     */
    default void onRaw(byte[] bytes, int offset, int length) {
    }

    /** Something was dropped because it exceeded a size cap; the stream goes on after it. */
    default void onOversized(SseOversize what, long bytes) {
    }
}
