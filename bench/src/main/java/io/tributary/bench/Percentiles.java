package io.tributary.bench;

import java.util.Locale;

import org.HdrHistogram.Histogram;

/**
 * A histogram's figures in milliseconds, as every workload reports its times.
 *
 * @param count values recorded
 * @param p50 median
 * @param p90 90th percentile
 * @param p99 99th percentile
 * @param p999 99.9th percentile
 * @param max the largest
 */
public record Percentiles(long count, double p50, double p90, double p99, double p999, double max) {

    /** The figures of a histogram of microseconds. */
    public static Percentiles ofMicros(Histogram micros) {
        return new Percentiles(micros.getTotalCount(), millis(micros, 50), millis(micros, 90), millis(micros, 99),
                millis(micros, 99.9), micros.getMaxValue() / 1_000.0);
    }

    private static double millis(Histogram micros, double percentile) {
        return micros.getValueAtPercentile(percentile) / 1_000.0;
    }

    /** One line for a summary. */
    public String line() {
        return String.format(Locale.ROOT, "p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f ms  (n=%d)",
                p50, p90, p99, p999, max, count);
    }
}
