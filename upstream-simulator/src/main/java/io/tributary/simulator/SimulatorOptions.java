package io.tributary.simulator;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The length, pace and outcome of one simulated reply.
 *
 * @param chunks the number of content deltas streamed (default {@value #DEFAULT_CHUNKS}, 1 to {@value #MAX_CHUNKS})
 * @param interval the time between content deltas (default {@value #DEFAULT_INTERVAL_MS} ms, 0 to
 *     {@value #MAX_INTERVAL_MS} ms; 0: as fast as the connection takes them), on a fixed schedule: delta i is
 *     due (i + 1) intervals after the content began; a non-streamed reply waits {@code chunks × interval}
 *     before it answers
 * @param chunkChars the Unicode code points per delta (default {@value #DEFAULT_CHUNK_CHARS}, 1 to
 *     {@value #MAX_CHUNK_CHARS}); the reply has exactly {@code chunks × chunkChars} code points, or is
 *     {@code reply} when that is set
 * @param fail how the reply goes wrong, {@link FailMode#NONE} by default
 * @param reply a literal reply text, streamed instead of the generated one; null for the generated text.
 *     It lets a test send content the generator never makes (CR, NUL, U+2028, ...) through the whole
 *     pipeline. {@code chunks} must then be the number of {@code chunkChars}-code-point pieces it has.
 */
public record SimulatorOptions(int chunks, Duration interval, int chunkChars, FailMode fail, @Nullable String reply) {

    public static final int DEFAULT_CHUNKS = 40;
    public static final int DEFAULT_INTERVAL_MS = 25;
    public static final int DEFAULT_CHUNK_CHARS = 6;
    static final int MAX_CHUNKS = 100_000;
    static final int MAX_INTERVAL_MS = 60_000;
    static final int MAX_CHUNK_CHARS = 10_000;
    static final long MAX_REPLY_CODE_POINTS = 10_000_000;

    /** The options of a request that sets none. */
    public static final SimulatorOptions DEFAULTS = new SimulatorOptions(
            DEFAULT_CHUNKS, Duration.ofMillis(DEFAULT_INTERVAL_MS), DEFAULT_CHUNK_CHARS, FailMode.NONE);

    public SimulatorOptions {
        requireRange("chunks", chunks, 1, MAX_CHUNKS);
        requireRange("interval_ms", interval.toMillis(), 0, MAX_INTERVAL_MS);
        requireRange("chunk_chars", chunkChars, 1, MAX_CHUNK_CHARS);
        if ((long) chunks * chunkChars > MAX_REPLY_CODE_POINTS) {
            throw new InvalidRequestException("chunks × chunk_chars must be at most " + MAX_REPLY_CODE_POINTS);
        }
        if (reply != null && chunks != pieces(reply, chunkChars)) {
            throw new InvalidRequestException("simulator.reply must be non-empty and make exactly chunks pieces");
        }
    }

    /** Options that stream the generated text. */
    public SimulatorOptions(int chunks, Duration interval, int chunkChars, FailMode fail) {
        this(chunks, interval, chunkChars, fail, null);
    }

    /** Options that stream {@code reply} verbatim, in pieces of {@code chunkChars} code points. */
    static SimulatorOptions literal(String reply, Duration interval, int chunkChars, FailMode fail) {
        if (reply.isEmpty()) {
            throw new InvalidRequestException("simulator.reply must be a non-empty string");
        }
        requireRange("chunk_chars", chunkChars, 1, MAX_CHUNK_CHARS);
        return new SimulatorOptions(pieces(reply, chunkChars), interval, chunkChars, fail, reply);
    }

    /** How many deltas a text makes in pieces of {@code chunkChars} code points (the last may be shorter). */
    static int pieces(String text, int chunkChars) {
        int codePoints = text.codePointCount(0, text.length());
        return (codePoints + chunkChars - 1) / chunkChars;
    }

    /** The content deltas that arrive before the failure: all of them, or half for a mid-stream failure. */
    int deliveredChunks() {
        return switch (fail) {
            case NONE -> chunks;
            case HTTP_500 -> 0;
            case MIDSTREAM_ERROR, DISCONNECT -> chunks / 2;
        };
    }

    private static void requireRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new InvalidRequestException("simulator." + name + " must be between " + min + " and " + max);
        }
    }
}
