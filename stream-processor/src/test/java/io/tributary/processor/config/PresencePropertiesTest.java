package io.tributary.processor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.Map;

import io.tributary.processor.notify.PresenceSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class PresencePropertiesTest {

    @Test
    void shouldDefaultToTheDocumentedRetentionAndPruneInterval() {
        assertThat(bind(Map.of()).settings())
                .isEqualTo(new PresenceSettings(Duration.ofMinutes(10), Duration.ofMinutes(1)));
    }

    @Test
    void shouldTakeEachFromItsPropertyNextToTheSweepersSettings() {
        PresenceSettings settings = bind(Map.of(
                "tributary.processor.presence-retention", "30m",
                "tributary.processor.presence-prune-interval", "5s",
                "tributary.processor.retention", "1d")).settings();

        assertThat(settings).isEqualTo(new PresenceSettings(Duration.ofMinutes(30), Duration.ofSeconds(5)));
    }

    @Test
    void shouldRefuseANonPositiveRetentionOrInterval() {
        assertThatIllegalArgumentException().isThrownBy(() -> new PresenceSettings(Duration.ZERO, Duration.ofMinutes(1)));
        assertThatIllegalArgumentException().isThrownBy(() -> new PresenceSettings(Duration.ofMinutes(1), Duration.ofSeconds(-1)));
    }

    private static PresenceProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("tributary.processor", PresenceProperties.class);
    }
}
