package io.tributary.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class StackShutdownTest {

    private final List<String> stopped = new ArrayList<>();
    private final StackShutdown shutdown = new StackShutdown();

    @Test
    void shouldStopTheServicesThenTheSimulatorThenTheBroker() {
        for (String part : List.of("broker", "simulator", "ingest", "processor", "gateway")) {
            shutdown.started(part, () -> stopped.add(part));
        }

        shutdown.run();

        assertThat(stopped).containsExactly("gateway", "processor", "ingest", "simulator", "broker");
        assertThat(shutdown.begun()).isTrue();
    }

    @Test
    void shouldStopThePartsAfterOneThatFailsToStop() {
        shutdown.started("broker", () -> stopped.add("broker"));
        shutdown.started("gateway", () -> {
            throw new IllegalStateException("stuck");
        });

        shutdown.run();

        assertThat(stopped).containsExactly("broker");
    }

    @Test
    void shouldRunOnce() {
        shutdown.started("broker", () -> stopped.add("broker"));

        shutdown.run();
        shutdown.run();

        assertThat(stopped).containsExactly("broker");
    }

    @Test
    void shouldStopAtOnceWhatStartsAfterTheShutdownBegan() {
        shutdown.run();

        shutdown.started("gateway", () -> stopped.add("gateway"));

        assertThat(stopped).containsExactly("gateway");
    }
}
