package io.tributary.bench.replay;

import java.util.List;
import java.util.Locale;

import io.tributary.bench.Percentiles;
import io.tributary.bench.WorkloadReport;

/**
 * The figures of a replay run; {@link #failures()} empty means every replay was exact. Times in
 * milliseconds.
 *
 * @param workload always {@code replay}
 * @param jobs jobs replayed at once
 * @param messages messages replayed
 * @param offFromRecorded how far each message arrived from its recorded offset after the replay's first
 *     message, early or late
 * @param failures gaps, duplicates, content differences, refusals
 */
public record ReplayReport(String workload, int jobs, long messages, Percentiles offFromRecorded,
        List<String> failures) implements WorkloadReport {

    /** Issue 12's bar: each event within 20 ms of its recorded offset at p99. */
    public static final double BAR_MS = 20;

    public boolean withinBar() {
        return offFromRecorded.p99() <= BAR_MS;
    }

    @Override
    public String summary() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "replay: %d finished jobs replayed at once at the recorded pace, %d messages%n", jobs, messages));
        text.append("  off recorded     ").append(offFromRecorded.line()).append(System.lineSeparator());
        text.append(String.format(Locale.ROOT, "  bar              p99 %.2f ms vs %.0f ms: %s%n",
                offFromRecorded.p99(), BAR_MS, withinBar() ? "met" : "missed"));
        return text.append(verdict("every replay exact: ids dense from 0, terminal content equals the upstream's"))
                .toString();
    }
}
