package io.tributary.bench.fanout;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Write → view times of every delta every viewer reads, in microseconds: all of them, and those of the
 * deltas written once every viewer was attached (the full fan-out window, the run's figure). Recorded
 * from every event loop at once.
 */
final class DeliveryTimes {

    static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(120);

    private final Histogram all = new ConcurrentHistogram(HIGHEST_MICROS, 3);
    private final Histogram fullFanOut = new ConcurrentHistogram(HIGHEST_MICROS, 3);
    private final LongAdder fullFanOutReads = new LongAdder();
    private volatile long fullFanOutSince = Long.MAX_VALUE;

    void record(long writtenNanos, long readNanos) {
        long micros = Math.min(HIGHEST_MICROS, Math.max(0, (readNanos - writtenNanos) / 1_000));
        all.recordValue(micros);
        if (writtenNanos >= fullFanOutSince) {
            fullFanOut.recordValue(micros);
            fullFanOutReads.increment();
        }
    }

    /** From now on deltas are written to every viewer at once. */
    void fullFanOutFrom(long nanos) {
        fullFanOutSince = nanos;
    }

    long fullFanOutSince() {
        return fullFanOutSince;
    }

    Histogram all() {
        return all;
    }

    Histogram fullFanOut() {
        return fullFanOut;
    }

    long fullFanOutReads() {
        return fullFanOutReads.sum();
    }
}
