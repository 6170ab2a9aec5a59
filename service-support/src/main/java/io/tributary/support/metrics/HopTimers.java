package io.tributary.support.metrics;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The per-hop latency timers of every service (upstream → ingest produce, record → processor fold,
 * record → gateway tail, gateway → viewer): one shape for all of them, with percentile histograms and the
 * same SLO buckets, so that the hops of different services can be compared and summed on one dashboard.
 */
public final class HopTimers {

    /** The buckets every hop shares: the bench's latency bars (10 ms, 25 ms, 50 ms) and their neighbours. */
    private static final Duration[] SLOS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofSeconds(1)};

    private HopTimers() {
    }

    public static Timer register(String name, String description, MeterRegistry registry) {
        return Timer.builder(name)
                .description(description)
                .publishPercentileHistogram()
                .serviceLevelObjectives(SLOS)
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }
}
