package io.tributary.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.web.server.ResponseStatusException;

/** What {@code ?replay=} accepts and when each message of a replay is due at that pace. */
class ReplayPaceTest {

    private static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void shouldKeepTheRecordedOffsetsScaleThemBySpeedOrDropThem() {
        assertThat(ReplayPace.parse("recorded").due(SECOND)).isEqualTo(SECOND);
        assertThat(ReplayPace.parse("2x").due(SECOND)).isEqualTo(Duration.ofMillis(500));
        assertThat(ReplayPace.parse("0.5x").due(SECOND)).isEqualTo(Duration.ofSeconds(2));
        assertThat(ReplayPace.parse("1000x").due(SECOND)).isEqualTo(Duration.ofMillis(1));
        assertThat(ReplayPace.parse("max").due(Duration.ofHours(1))).isZero();
    }

    @Test
    void shouldRefuseAnyOtherPaceWithABadRequest() {
        for (String bad : List.of("", "fast", "2", "x", "0x", "0.05x", "1001x", "2.5555x", "-2x", "2X", "1e3x", "max ")) {
            assertThatThrownBy(() -> ReplayPace.parse(bad)).as("'%s'", bad)
                    .isInstanceOf(ResponseStatusException.class)
                    .satisfies(error -> assertThat(((ResponseStatusException) error).getStatusCode().value()).isEqualTo(400));
        }
    }
}
