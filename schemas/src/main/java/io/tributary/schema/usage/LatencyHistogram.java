package io.tributary.schema.usage;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;

import org.HdrHistogram.Histogram;

/**
 * A mergeable distribution of latencies in milliseconds, as the usage windows keep them: an
 * HdrHistogram with 2 significant digits (any percentile within 1 % of the true value) from 1 ms to one
 * day, stored in its compressed V2 encoding. Merging adds the counts bucket by bucket, so the merge of
 * any windows, partitions or users gives the same percentiles whatever the order: what lets the
 * processor count each partition on its own and a reader add them up.
 */
public final class LatencyHistogram {

    /** The largest value kept exactly; larger ones count as this (a job runs minutes, not days). */
    public static final long MAX_MILLIS = 24L * 60 * 60 * 1000;
    private static final int SIGNIFICANT_DIGITS = 2;

    private final Histogram histogram = new Histogram(1, MAX_MILLIS, SIGNIFICANT_DIGITS);

    /** An empty histogram. */
    public LatencyHistogram() {
    }

    /** The histogram an encoding holds; an empty one for an empty encoding. */
    public static LatencyHistogram decode(ByteBuffer encoded) {
        LatencyHistogram decoded = new LatencyHistogram();
        decoded.merge(encoded);
        return decoded;
    }

    /** Counts one value; below 1 ms counts as 1 ms, above {@link #MAX_MILLIS} as that. */
    public void record(long millis) {
        histogram.recordValue(Math.max(1, Math.min(MAX_MILLIS, millis)));
    }

    /** Adds the counts of an encoded histogram to this one. */
    public void merge(ByteBuffer encoded) {
        if (!encoded.hasRemaining()) {
            return;
        }
        try {
            histogram.add(Histogram.decodeFromCompressedByteBuffer(encoded.duplicate(), 1));
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("Not an encoded latency histogram", e);
        }
    }

    public long count() {
        return histogram.getTotalCount();
    }

    /** The value at the percentile (0 to 100), in ms; 0 when nothing was counted. */
    public long percentile(double percentile) {
        return count() == 0 ? 0 : histogram.getValueAtPercentile(percentile);
    }

    /** The compressed encoding; empty when nothing was counted. */
    public ByteBuffer encode() {
        if (count() == 0) {
            return ByteBuffer.allocate(0);
        }
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        buffer.flip();
        buffer.limit(length);
        return buffer.slice();
    }
}
