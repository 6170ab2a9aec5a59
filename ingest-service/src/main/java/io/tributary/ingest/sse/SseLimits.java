package io.tributary.ingest.sse;

/**
 * Size caps that keep one stream from exhausting memory: a parser never holds more than about
 * {@code maxLineBytes + 2 × maxEventBytes} bytes, whatever the upstream sends.
 *
 * @param maxLineBytes the longest line kept, in bytes, without its line end
 * @param maxEventBytes the most data one event may carry, in bytes of its {@code data} lines
 */
public record SseLimits(int maxLineBytes, int maxEventBytes) {

    public SseLimits {
        if (maxLineBytes < 1 || maxEventBytes < 1) {
            throw new IllegalArgumentException("SSE limits must be positive: " + maxLineBytes + ", " + maxEventBytes);
        }
    }
}
