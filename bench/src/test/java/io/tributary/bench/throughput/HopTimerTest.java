package io.tributary.bench.throughput;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A hop's rate and mean time between two scrapes of its timer's count and sum. */
class HopTimerTest {

    @Test
    void shouldGiveAHopsRateAndMeanBetweenTwoScrapes() {
        HopTimer before = new HopTimer(1000, 10, 0);
        HopTimer after = new HopTimer(3000, 30, 2_000_000_000L);

        assertThat(after.ratePerSecond(before)).isEqualTo(1000.0);
        assertThat(after.meanMillis(before)).isEqualTo(10.0);
        assertThat(after.meanMillis(after)).isNaN();
    }
}
