package io.tributary.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class LatencySettingsTest {

    @Test
    void shouldSpreadTheTotalRateOverTheJobs() {
        LatencySettings settings = new LatencySettings(20, 2000, Duration.ofSeconds(30));

        assertThat(settings.intervalMs()).isEqualTo(10);
        assertThat(settings.chunksPerJob()).isEqualTo(3000);
        assertThat(settings.effectiveRate()).isEqualTo(2000.0);
    }

    @Test
    void shouldRefuseARateThatNeedsAPauseUnderOneMillisecond() {
        assertThatThrownBy(() -> new LatencySettings(10, 20_000, Duration.ofSeconds(10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs at least 20 jobs");
    }
}
