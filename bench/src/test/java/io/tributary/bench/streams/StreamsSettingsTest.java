package io.tributary.bench.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class StreamsSettingsTest {

    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    @Test
    void shouldCountTheRateOverAllStreamsAsTheFanOutDoes() {
        StreamsSettings few = new StreamsSettings(20, 2000, 1, TEN_SECONDS, TEN_SECONDS, List.of());
        StreamsSettings many = new StreamsSettings(200, 2000, 5, TEN_SECONDS, TEN_SECONDS, List.of());

        assertThat(few.ratePerStream()).isEqualTo(100.0);
        assertThat(few.intervalNanos()).isEqualTo(10_000_000L);
        assertThat(many.ratePerStream()).isEqualTo(10.0);
        assertThat(many.intervalNanos()).isEqualTo(100_000_000L);
    }

    @Test
    void shouldRunTheReferenceServerFirst() {
        assertThat(TargetServer.named("both")).containsExactly(TargetServer.REFERENCE, TargetServer.TRIBUTARY);
        assertThat(TargetServer.named("tributary")).containsExactly(TargetServer.TRIBUTARY);
        assertThatThrownBy(() -> TargetServer.named("nginx")).hasMessageContaining("--target");
    }

    @Test
    void shouldRefuseRatesOneWriterPerStreamCannotPace() {
        assertThatThrownBy(() -> new StreamsSettings(2, 5000, 1, TEN_SECONDS, TEN_SECONDS, List.of()))
                .hasMessageContaining("--streams");
        assertThatThrownBy(() -> new StreamsSettings(2, 10, 0, TEN_SECONDS, TEN_SECONDS, List.of()))
                .hasMessageContaining("--viewers");
    }
}
