package io.tributary.processor.function;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tributary.support.metrics.HopTimers;

/**
 * How far behind the log the fold runs: {@code tributary.processor.fold.lag}, from a record's
 * timestamp on {@code jobs.deltas} (when the ingest produced it) to the moment the fold takes it, by
 * the Streams wall clock. It assumes that the hosts' clocks agree; a negative difference (a clock
 * ahead of this one) counts as zero. A timer with percentile histograms and the latency SLO buckets
 * of the bench, so that it adds up with the other services' per-hop timers.
 */
public final class FoldMetrics {

    private final Timer lag;

    public FoldMetrics(MeterRegistry registry) {
        this.lag = HopTimers.register("tributary.processor.fold.lag",
                "From a jobs.deltas record's timestamp to the fold taking it (assumes synchronised clocks)", registry);
    }

    /** A record with timestamp {@code recordMillis} reached the fold at {@code nowMillis}. */
    void folding(long recordMillis, long nowMillis) {
        // Per record: no Duration allocated.
        lag.record(Math.max(0, nowMillis - recordMillis), TimeUnit.MILLISECONDS);
    }
}
