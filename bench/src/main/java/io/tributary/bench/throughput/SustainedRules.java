package io.tributary.bench.throughput;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.tributary.bench.Percentiles;

/**
 * When a step counts as sustained with bounded lag (BENCHMARKS.md says the same): over the step's steady
 * window the upstream got out what was asked and the viewers read what it wrote, the write → view latency
 * did not grow from the window's first third to its last, and after the last chunk was written every viewer
 * had its terminal event and {@code jobs.state} every job's final state within {@link #DRAIN_BOUND_MILLIS}.
 * The shares leave room for the simulator's own pacing (a job's chunks drift a little behind whole
 * milliseconds) and for a machine's jitter, not for a backlog that grows.
 */
final class SustainedRules {

    /** The share of the asked rate the upstream must have written: below it, the ingest did not take it. */
    static final double OFFERED_SHARE = 0.90;
    /** The share of the written rate the viewers must have read. */
    static final double DELIVERED_SHARE = 0.95;
    /** The last third's median latency may be at most this times the first third's, plus the slack. */
    static final double GROWTH_FACTOR = 2;
    static final double GROWTH_SLACK_MILLIS = 50;
    static final double DRAIN_BOUND_MILLIS = 5_000;

    private SustainedRules() {
    }

    /**
     * Why the step was not sustained; empty when it was.
     *
     * @param runProblems what went wrong while the step ran (starts refused, viewers or states not ended)
     */
    static List<String> reasons(StepShape shape, StepDelivery delivery, double viewerDrainMillis,
            double stateDrainMillis, List<String> runProblems) {
        List<String> reasons = new ArrayList<>(runProblems);
        if (delivery.windowSeconds() <= 0) {
            reasons.add("the jobs never all streamed at once (starting them took longer than the step)");
            return reasons;
        }
        if (delivery.offeredRate() < OFFERED_SHARE * shape.askedRate()) {
            reasons.add(format("the upstream wrote %.0f/s of the %.0f/s asked (the ingest did not read it as fast, "
                    + "or the bench was short of CPU)", delivery.offeredRate(), shape.askedRate()));
        }
        if (delivery.deliveredRate() < DELIVERED_SHARE * delivery.offeredRate()) {
            reasons.add(format("the viewers read %.0f/s of the %.0f/s written", delivery.deliveredRate(),
                    delivery.offeredRate()));
        }
        reasons.addAll(growth(delivery.firstThird(), delivery.lastThird()));
        if (!(viewerDrainMillis <= DRAIN_BOUND_MILLIS)) {
            reasons.add(format("the last viewer ended %.0f ms after the last write (bound %.0f)", viewerDrainMillis,
                    DRAIN_BOUND_MILLIS));
        }
        if (!(stateDrainMillis <= DRAIN_BOUND_MILLIS)) {
            reasons.add(format("jobs.state held every final state %.0f ms after the last write (bound %.0f)",
                    stateDrainMillis, DRAIN_BOUND_MILLIS));
        }
        return reasons;
    }

    private static List<String> growth(Percentiles first, Percentiles last) {
        if (first.count() == 0 || last.count() == 0) {
            return List.of("no streamed chunk in the window's first or last third to compare (the viewers attached "
                    + "late)");
        }
        if (last.p50() > GROWTH_FACTOR * first.p50() + GROWTH_SLACK_MILLIS) {
            return List.of(format("latency grew: p50 %.1f ms in the first third, %.1f ms in the last", first.p50(),
                    last.p50()));
        }
        return List.of();
    }

    private static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }
}
