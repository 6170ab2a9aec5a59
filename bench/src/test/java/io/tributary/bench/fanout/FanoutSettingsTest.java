package io.tributary.bench.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class FanoutSettingsTest {

    @Test
    void shouldStreamEachJobThroughTheLeadTheRampAndTheFullFanOutWindow() {
        FanoutSettings settings = new FanoutSettings(10, 1000, 10_000, Duration.ofSeconds(30), 500);

        assertThat(settings.intervalMs()).isEqualTo(10);
        assertThat(settings.ramp()).isEqualTo(Duration.ofSeconds(20));
        assertThat(settings.chunksPerJob()).isEqualTo((5 + 20 + 30) * 100);
        assertThat(settings.messagesPerSecond()).isEqualTo(1_000_000.0);
    }

    @Test
    void shouldRefuseFewerViewersThanJobsAndRatesTheSimulatorCannotPace() {
        assertThatThrownBy(() -> new FanoutSettings(10, 100, 5, Duration.ofSeconds(10), 500))
                .hasMessageContaining("--viewers");
        assertThatThrownBy(() -> new FanoutSettings(1, 5000, 10, Duration.ofSeconds(10), 500))
                .hasMessageContaining("at least 5 jobs");
    }
}
