package io.tributary.bench.streams;

import java.time.Duration;
import java.util.List;

/**
 * The shape of a streams run, counted as the fan-out workload counts: {@code streams} streams written to
 * at {@code rate} appends per second in total (each stream at rate / streams), each read by
 * {@code readersPerStream} SSE readers. Each target appends for {@code warmup} then {@code duration}; only
 * the appends sent in the second part are measured.
 *
 * @param streams streams, written to at once
 * @param rate appends per second over all streams
 * @param readersPerStream SSE readers of each stream
 * @param warmup how long each target is appended to before the measured part
 * @param duration the measured part
 * @param targets the servers, in the order they run
 */
record StreamsSettings(int streams, int rate, int readersPerStream, Duration warmup, Duration duration,
        List<TargetServer> targets) {

    /**
     * Every stream's appends are written one after the other (the next is sent once the last is answered,
     * or the stream's order would be the network's): above this a stream's pace is the server's answer time.
     */
    static final int MAX_RATE_PER_STREAM = 1000;

    StreamsSettings {
        if (streams < 1 || rate < 1 || readersPerStream < 1) {
            throw new IllegalArgumentException("--streams, --rate and --viewers must be positive");
        }
        if (rate > streams * (long) MAX_RATE_PER_STREAM) {
            throw new IllegalArgumentException("--rate " + rate + " is more than " + MAX_RATE_PER_STREAM
                    + " appends per second per stream: use more --streams");
        }
        if (duration.isZero() || duration.isNegative() || warmup.isNegative()) {
            throw new IllegalArgumentException("--duration must be positive and --warmup not negative");
        }
        if (duration.toNanos() < intervalNanos(streams, rate)) {
            throw new IllegalArgumentException("--duration is shorter than one stream's interval between appends");
        }
        targets = List.copyOf(targets);
    }

    /** The pause between two appends to one stream. */
    long intervalNanos() {
        return intervalNanos(streams, rate);
    }

    private static long intervalNanos(int streams, int rate) {
        return Math.round(streams * 1e9 / rate);
    }

    double ratePerStream() {
        return (double) rate / streams;
    }
}
