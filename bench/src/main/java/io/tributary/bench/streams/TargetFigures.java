package io.tributary.bench.streams;

import java.util.Locale;

import io.tributary.bench.Percentiles;

/**
 * What one target did in the measured part of its round (after the warm-up), and whether every reader got
 * every append of the whole round exactly once and in order. Times in milliseconds.
 *
 * @param target {@code tributary} or {@code reference}
 * @param url where it served the streams
 * @param appendsPerSecond appends sent within the measured part and acknowledged, per second, over all
 *     streams: below the rate asked when the server's answers held the pace back
 * @param slotsSkipped appends of the measured part not sent because the answer to the one before came after
 *     their slot and the next ({@link PacedAppender})
 * @param appendAnswered append sent → its answer (204), for every append sent after the warm-up
 * @param pacingLag an append's slot → sent: the pacer's own delay, and the wait for a late answer
 * @param deliveries deliveries to readers of the appends sent within the measured part, over all readers
 *     (each reader's first receipt of each)
 * @param deliveriesPerSecond the same per second
 * @param delivery append sent → received by a reader, for every reader and every append sent after the
 *     warm-up
 * @param appendsWritten appends acknowledged in the whole round, warm-up included, over all streams
 * @param appendsFailed appends refused or not answered in the whole round
 * @param readers SSE readers opened
 * @param gaps acknowledged appends a reader never received, over all readers
 * @param duplicates appends a reader received again
 * @param outOfOrder appends a reader received after a later one
 * @param malformed data lines that were not an append the bench wrote
 * @param reconnects responses the server ended, after which the reader resumed at its last offset
 * @param readerBreaks readers' connections that broke or were refused
 * @param exact no failed append, gap, duplicate, reordering, malformed line or broken reader
 */
public record TargetFigures(String target, String url, double appendsPerSecond, long slotsSkipped, Percentiles appendAnswered,
        Percentiles pacingLag, long deliveries, double deliveriesPerSecond, Percentiles delivery, long appendsWritten,
        long appendsFailed, int readers, long gaps, long duplicates, long outOfOrder, long malformed, long reconnects,
        long readerBreaks, boolean exact) {

    /**
     * @param rate appends per second asked, over all streams
     * @param streams streams
     * @param readersPerStream readers of each stream
     */
    String summary(int rate, int streams, int readersPerStream) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "  %s  %s%n", target, url));
        line(text, "appends", "%.1f/s sent and acknowledged (%d asked); %d slots skipped after a late answer",
                appendsPerSecond, rate, slotsSkipped);
        text.append("    append answered ").append(appendAnswered.line()).append(System.lineSeparator());
        text.append("    pacing lag      ").append(pacingLag.line()).append(System.lineSeparator());
        line(text, "deliveries", "%d, %.1f/s (%d asked)", deliveries, deliveriesPerSecond,
                (long) rate * readersPerStream);
        text.append("    delivery        ").append(delivery.line()).append(System.lineSeparator());
        line(text, "exactness", "%s: %d appends over %d streams, %d readers each; %d gaps, %d duplicates, "
                + "%d out of order, %d malformed, %d failed appends, %d broken readers, %d resumed responses",
                exact ? "exact" : "NOT EXACT", appendsWritten, streams, readersPerStream, gaps,
                duplicates, outOfOrder, malformed, appendsFailed, readerBreaks, reconnects);
        return text.toString();
    }

    private static void line(StringBuilder text, String label, String format, Object... values) {
        text.append(String.format(Locale.ROOT, "    %-16s", label)).append(String.format(Locale.ROOT, format, values))
                .append(System.lineSeparator());
    }
}
