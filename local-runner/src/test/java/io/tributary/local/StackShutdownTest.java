package io.tributary.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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
    void shouldStopThePartsOfOneGroupTogetherAndTheGroupsInOrder() throws Exception {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch bothServicesStopping = new CountDownLatch(2);
        shutdown.started("node 1", "Kafka", () -> order.add("node 1"));
        shutdown.started("node 2", "Kafka", () -> order.add("node 2"));
        shutdown.started("simulator", () -> order.add("simulator"));
        for (String service : List.of("ingest", "gateway")) {
            shutdown.started(service, "services", () -> {
                // Each waits for the other to have begun: stopped one after the other, neither would end.
                bothServicesStopping.countDown();
                awaitQuietly(bothServicesStopping);
                order.add(service);
            });
        }

        shutdown.run();

        assertThat(order.subList(0, 2)).containsExactlyInAnyOrder("ingest", "gateway");
        assertThat(order.get(2)).isEqualTo("simulator");
        assertThat(order.subList(3, 5)).containsExactlyInAnyOrder("node 1", "node 2");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other part of the group never began to stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
