package io.tributary.bench.throughput;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.tributary.bench.Percentiles;
import org.junit.jupiter.api.Test;

/** A step is sustained only when the viewers keep up, latency holds and the pipeline drains in time. */
class SustainedRulesTest {

    private static final StepShape SHAPE = new StepShape(0, 10, 10, 1000);

    @Test
    void shouldSustainAStepThatKeptUpAndDrained() {
        assertThat(SustainedRules.reasons(SHAPE, delivery(990, 985, 5, 7), 300, 1_400, List.of())).isEmpty();
    }

    @Test
    void shouldNotSustainWhenTheUpstreamCouldNotWriteTheAskedRate() {
        assertThat(SustainedRules.reasons(SHAPE, delivery(800, 800, 5, 7), 300, 1_400, List.of()))
                .singleElement().asString().contains("800/s of the 1000/s asked");
    }

    @Test
    void shouldNotSustainWhenTheViewersFallBehind() {
        assertThat(SustainedRules.reasons(SHAPE, delivery(1000, 900, 5, 7), 300, 1_400, List.of()))
                .singleElement().asString().contains("read 900/s");
    }

    @Test
    void shouldNotSustainWhenLatencyGrows() {
        assertThat(SustainedRules.reasons(SHAPE, delivery(1000, 1000, 40, 200), 300, 1_400, List.of()))
                .singleElement().asString().contains("latency grew");
        assertThat(SustainedRules.reasons(SHAPE, delivery(1000, 1000, 5, 50), 300, 1_400, List.of())).isEmpty();
    }

    @Test
    void shouldNotSustainWhenThePipelineDrainsLate() {
        assertThat(SustainedRules.reasons(SHAPE, delivery(1000, 1000, 5, 7), 6_000, 7_000, List.of()))
                .hasSize(2).allMatch(reason -> reason.contains("after the last write"));
        assertThat(SustainedRules.reasons(SHAPE, delivery(1000, 1000, 5, 7), Double.NaN, 100, List.of()))
                .hasSize(1);
    }

    @Test
    void shouldNotSustainWhatWentWrongWhileItRan() {
        assertThat(SustainedRules.reasons(SHAPE, delivery(1000, 1000, 5, 7), 300, 1_400,
                List.of("2 start(s) refused"))).containsExactly("2 start(s) refused");
    }

    private static StepDelivery delivery(double offered, double delivered, double firstP50, double lastP50) {
        return new StepDelivery(10, offered, delivered, percentiles(firstP50), percentiles(firstP50),
                percentiles(lastP50), 0);
    }

    private static Percentiles percentiles(double p50) {
        return new Percentiles(100, p50, p50, p50, p50, p50);
    }
}
