package io.tributary.ingest.sse;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The upstream bytes of one job not yet given to an event: the parser's thread appends what it consumes,
 * and whichever thread writes the job's next event takes them all ({@link #drain}), so that every byte
 * lands on exactly one event and the events' bytes in seq order are the upstream's stream.
 *
 * <p>Bounded: an event carries its raw bytes next to its own payload, and together they must stay
 * under the producer's {@code max.request.size} (1 MB by default). Bytes that would take the pending
 * run past {@value #MAX_PENDING_BYTES} are dropped with the run, and the next drain starts with an SSE
 * comment that says how many, so a reader of the capture sees the gap instead of a silently spliced
 * stream. Only a single upstream event of that size (real chunks are a few hundred bytes) gets there.
 */
public final class RawCapture {

    /** The most bytes one event carries raw; see the class comment. */
    public static final int MAX_PENDING_BYTES = 256 * 1024;
    private static final int INITIAL_CAPACITY = 1024;

    private byte[] pending = new byte[INITIAL_CAPACITY];
    private int length;
    private long dropped;

    /** Appends bytes as the upstream sent them. */
    public synchronized void append(byte[] bytes, int offset, int count) {
        if ((long) length + count > MAX_PENDING_BYTES) {
            dropped += length + count;
            length = 0;
            return;
        }
        if (length + count > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, length + count));
        }
        System.arraycopy(bytes, offset, pending, length, count);
        length += count;
    }

    /**
     * The bytes appended since the last drain, empty when there are none (an event of a captured job
     * always says so, even one no upstream byte led to); empties the capture.
     */
    public synchronized ByteBuffer drain() {
        byte[] marker = dropped == 0 ? new byte[0]
                : (": tributary dropped " + dropped + " upstream bytes over the raw capture's limit\n")
                        .getBytes(StandardCharsets.UTF_8);
        byte[] taken = new byte[marker.length + length];
        System.arraycopy(marker, 0, taken, 0, marker.length);
        System.arraycopy(pending, 0, taken, marker.length, length);
        length = 0;
        dropped = 0;
        if (pending.length > INITIAL_CAPACITY * 16) {
            pending = new byte[INITIAL_CAPACITY];
        }
        return ByteBuffer.wrap(taken);
    }
}
