package io.tributary.bench.streams;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.tributary.bench.Percentiles;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Times in microseconds of what started once the warm-up was over (an append sent, a delivery of an append
 * sent after it); what started before is not counted. What started after the measured part's end (an append
 * due in it but sent late, because the server answered the one before slowly) is timed but not counted in
 * {@link #countInWindow()}: a rate from that count shows a server that held the appends back. Recorded from
 * every event loop at once.
 */
final class MeasuredTimes {

    static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(120);

    private final Histogram micros = new ConcurrentHistogram(HIGHEST_MICROS, 3);
    private final LongAdder inWindow = new LongAdder();
    private volatile long fromNanos = Long.MAX_VALUE;
    private volatile long untilNanos = Long.MAX_VALUE;

    /**
     * Counts from now on what starts at or after {@code from}; nothing is counted before this is called.
     *
     * @param from {@link System#nanoTime()} at the end of the warm-up
     * @param until the end of the measured part
     */
    void measure(long from, long until) {
        untilNanos = until;
        fromNanos = from;
    }

    void record(long startNanos, long endNanos) {
        if (startNanos >= fromNanos) {
            micros.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, (endNanos - startNanos) / 1_000)));
            if (startNanos < untilNanos) {
                inWindow.increment();
            }
        }
    }

    /** What started within the measured part. */
    long countInWindow() {
        return inWindow.sum();
    }

    Percentiles percentiles() {
        return Percentiles.ofMicros(micros);
    }
}
