package io.tributary.processor.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import io.tributary.processor.sweep.SweepSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class JobSweepPropertiesTest {

    @Test
    void shouldDefaultToTheDocumentedTimings() {
        SweepSettings settings = bind(Map.of()).settings();

        assertThat(settings).isEqualTo(new SweepSettings(Duration.ofSeconds(2), Duration.ofSeconds(5),
                Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofHours(1)));
    }

    @Test
    void shouldTakeEachTimingFromItsProperty() {
        SweepSettings settings = bind(Map.of(
                "tributary.processor.sweep-interval", "500ms",
                "tributary.processor.orphan-grace", "3s",
                "tributary.processor.lease-duration", "20s",
                "tributary.processor.job-timeout", "10m",
                "tributary.processor.timeout-grace", "1m",
                "tributary.processor.timeout-escalation", "45s",
                "tributary.processor.retention", "1d",
                // Another record's settings under the same prefix are no concern of this one.
                "tributary.processor.thread-failures.shutdown-after", "5")).settings();

        assertThat(settings).isEqualTo(new SweepSettings(Duration.ofMillis(500), Duration.ofSeconds(3),
                Duration.ofSeconds(20), Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofSeconds(45),
                Duration.ofDays(1)));
    }

    private static JobSweepProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("tributary.processor", JobSweepProperties.class);
    }
}
