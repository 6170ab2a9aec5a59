package io.tributary.bench.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A hop's round is the difference of two readings of its cumulative buckets. */
class HopHistogramTest {

    private static final String METRIC = "tributary_gateway_delivery_seconds";

    @Test
    void shouldTakeTheQuantilesOfWhatWasRecordedBetweenTwoReadings() {
        HopHistogram before = HopHistogram.of(PrometheusText.parse(reading(10, 10, 10, 10)), METRIC);
        // Since then: 90 values ≤ 1 ms, 9 more ≤ 5 ms, 1 more ≤ 10 ms, 1 over.
        HopHistogram after = HopHistogram.of(PrometheusText.parse(reading(100, 109, 110, 111)), METRIC);

        HopHistogram.HopFigures round = after.since(before).figures("delivery");

        assertThat(round.count()).isEqualTo(101);
        assertThat(round.p50()).isEqualTo(1.0);
        assertThat(round.p90()).isEqualTo(5.0);
        assertThat(round.p99()).isEqualTo(10.0);
    }

    @Test
    void shouldSayNothingWasRecordedWhenTheTimerDidNotMove() {
        HopHistogram reading = HopHistogram.of(PrometheusText.parse(reading(3, 3, 3, 3)), METRIC);

        assertThat(reading.since(reading).count()).isZero();
        assertThat(reading.since(reading).quantileMillis(0.99)).isNaN();
    }

    private static String reading(int upTo1ms, int upTo5ms, int upTo10ms, int all) {
        return """
                # HELP tributary_gateway_delivery_seconds From the gateway receiving an event ...
                # TYPE tributary_gateway_delivery_seconds histogram
                tributary_gateway_delivery_seconds_bucket{application="gateway",le="0.001"} %d
                tributary_gateway_delivery_seconds_bucket{application="gateway",le="0.005"} %d
                tributary_gateway_delivery_seconds_bucket{application="gateway",le="0.01"} %d
                tributary_gateway_delivery_seconds_bucket{application="gateway",le="+Inf"} %d
                tributary_gateway_delivery_seconds_count{application="gateway"} %d
                jvm_threads_live_threads{application="gateway"} 42.0
                """.formatted(upTo1ms, upTo5ms, upTo10ms, all, all);
    }
}
