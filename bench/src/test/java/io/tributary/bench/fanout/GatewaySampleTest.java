package io.tributary.bench.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import io.tributary.bench.metrics.PrometheusText;
import org.junit.jupiter.api.Test;

/** Reads the figures of a scrape as the gateway's {@code /actuator/prometheus} writes them. */
class GatewaySampleTest {

    private static final String SCRAPE = """
            # HELP jvm_memory_used_bytes The amount of used memory
            # TYPE jvm_memory_used_bytes gauge
            jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.048576E7
            jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 2.097152E7
            jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 9.9E7
            jvm_threads_live_threads 42.0
            process_cpu_time_ns_total 2.5E9
            kafka_consumer_connection_count{client_id="tributary-gateway-ab-live-tail",kafka_version="4.1.2"} 1.0
            kafka_consumer_connection_count{client_id="tributary-gateway-ab-catch-up-0",kafka_version="4.1.2"} 1.0
            kafka_consumer_fetch_manager_records_lag_max{client_id="tributary-gateway-ab-live-tail",partition="0",topic="jobs.deltas"} NaN
            kafka_producer_record_send_total{client_id="tributary-gateway-ab-commands"} 0.0
            weird_label{path="a \\"quoted\\" value"} 3.0
            """;

    @Test
    void shouldSumTheHeapPoolsAndReadPlainSeries() {
        PrometheusText metrics = PrometheusText.parse(SCRAPE);

        assertThat(metrics.sum("jvm_memory_used_bytes", series -> series.label("area").equals("heap")))
                .isCloseTo(3.145728E7, within(1.0));
        assertThat(metrics.sum("jvm_threads_live_threads")).isEqualTo(42.0);
        assertThat(metrics.sum("weird_label")).isEqualTo(3.0);
        assertThat(metrics.sum("missing")).isNaN();
    }

    @Test
    void shouldListTheClientIdsOfTheConsumersAndCountOneLiveTail() {
        PrometheusText metrics = PrometheusText.parse(SCRAPE);
        GatewaySample sample = GatewaySample.of(0, metrics, 0);

        assertThat(metrics.labelValues("kafka_consumer_", "client_id"))
                .containsExactly("tributary-gateway-ab-catch-up-0", "tributary-gateway-ab-live-tail");
        assertThat(sample.liveTailConsumers()).isEqualTo(1);
        assertThat(sample.cpuSeconds()).isEqualTo(2.5);
        assertThat(sample.heapBytes()).isCloseTo(3.145728E7, within(1.0));
    }

    @Test
    void shouldTakeCpuAsCoresAndTheLargestFiguresOverTheSamples() {
        GatewaySample first = new GatewaySample(0, 100 * 1024 * 1024, 30, 0, 1.0, 0.1, 0.01, 0.5, 0, List.of(), 2.0);
        GatewaySample second = new GatewaySample(1_000_000_000L, 300 * 1024 * 1024, 40, 50, 1.5, 0.2, 0.02, 0.7, 3,
                List.of("x-live-tail"), 2.25);
        GatewaySample third = new GatewaySample(2_000_000_000L, 200 * 1024 * 1024, 35, 50, 2.5, 0.3, 0.01, 0.9, 0,
                List.of("x-live-tail"), 2.5);

        LoadFigures load = LoadFigures.of(List.of(first, second, third), 0, 2_000_000_000L);

        assertThat(load.heapMaxMiB()).isEqualTo(300.0);
        assertThat(load.heapAtFullFanOutMiB()).isEqualTo(200.0);
        assertThat(load.threadsMax()).isEqualTo(40.0);
        assertThat(load.gatewayCpuCores()).isCloseTo(0.75, within(1e-9));
        assertThat(load.gatewayCpuCoresMax()).isCloseTo(1.0, within(1e-9));
        assertThat(load.benchCpuCores()).isCloseTo(0.25, within(1e-9));
        assertThat(load.gcPauseSeconds()).isCloseTo(0.2, within(1e-9));
        assertThat(load.gcPauseMaxMs()).isCloseTo(20.0, within(1e-9));
        assertThat(load.machineCpuPercent()).isCloseTo(70.0, within(1e-9));
        assertThat(load.liveTailConsumersMax()).isEqualTo(1);
        assertThat(load.consumers()).containsExactly("x-live-tail");
    }
}
