package io.tributary.bench.throughput;

import io.tributary.bench.metrics.PrometheusText;

/**
 * A per-hop timer's totals at one scrape ({@code _count} and {@code _sum} of a Micrometer timer): between
 * two scrapes they give the hop's rate and its mean time. Each timer keeps the time of its own scrape, so
 * that a scrape a service did not answer can be skipped: the next one then spans both intervals.
 *
 * @param count events timed since the service started (NaN when the scrape had none)
 * @param sumSeconds their total time
 * @param atNanos {@link System#nanoTime()} of the scrape
 */
record HopTimer(double count, double sumSeconds, long atNanos) {

    static HopTimer of(PrometheusText scrape, String timerName, long atNanos) {
        return new HopTimer(scrape.sum(timerName + "_count"), scrape.sum(timerName + "_sum"), atNanos);
    }

    boolean known() {
        return !Double.isNaN(count);
    }

    /** Events timed per second from {@code before} to this scrape. */
    double ratePerSecond(HopTimer before) {
        double seconds = (atNanos - before.atNanos) / 1e9;
        return seconds > 0 ? (count - before.count) / seconds : Double.NaN;
    }

    /** The mean time in ms of the events timed from {@code before} to this scrape; NaN when none was. */
    double meanMillis(HopTimer before) {
        double events = count - before.count;
        return events > 0 ? (sumSeconds - before.sumSeconds) / events * 1_000 : Double.NaN;
    }

    double eventsSince(HopTimer before) {
        return count - before.count;
    }
}
