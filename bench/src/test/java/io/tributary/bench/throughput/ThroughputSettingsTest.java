package io.tributary.bench.throughput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** A ramp keeps every job's pace and offers more by running more jobs. */
class ThroughputSettingsTest {

    @Test
    void shouldKeepTheFirstStepsPaceAndRaiseTheRateWithJobs() {
        ThroughputSettings settings = new ThroughputSettings(20, 2000, Duration.ofSeconds(10), 4, 2);

        assertThat(settings.intervalMs()).isEqualTo(10);
        assertThat(settings.step(0)).isEqualTo(new StepShape(0, 20, 10, 1000));
        assertThat(settings.step(1)).isEqualTo(new StepShape(1, 40, 10, 1000));
        assertThat(settings.step(3).askedRate()).isEqualTo(16_000);
        assertThat(settings.step(3).deltas()).isEqualTo(160_000);
    }

    @Test
    void shouldRoundAStepToWholeJobsSoThatItsAskedRateIsExact() {
        ThroughputSettings settings = new ThroughputSettings(3, 1000, Duration.ofSeconds(3), 3, 1.5);

        assertThat(settings.step(1).jobs()).isEqualTo(5);
        assertThat(settings.step(1).askedRate()).isEqualTo(5 * 1000.0 / 3);
    }

    @Test
    void shouldRefuseWhatTheSimulatorCannotPace() {
        assertThatThrownBy(() -> new ThroughputSettings(10, 20_000, Duration.ofSeconds(10), 1, 2))
                .hasMessageContaining("needs at least 20 jobs");
        assertThatThrownBy(() -> new ThroughputSettings(10, 1000, Duration.ofMillis(100), 1, 2))
                .hasMessageContaining("--duration");
        assertThatThrownBy(() -> new ThroughputSettings(10, 1000, Duration.ofSeconds(10), 3, 1))
                .hasMessageContaining("--step-factor");
    }
}
