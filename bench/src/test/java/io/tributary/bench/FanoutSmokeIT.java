package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import io.tributary.bench.fanout.FanoutReport;
import io.tributary.bench.fanout.FanoutSettings;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fan-out workload as the README runs it, small: the embedded stack, 50 fresh viewers over two jobs
 * for three seconds of full fan-out. Correctness and the presence of every figure; no figure is judged.
 */
class FanoutSmokeIT {

    /** Quick to start, as the system tests run the services: this test judges no figure. */
    private static final String SMOKE_JAVA_OPTIONS = "-Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    @Test
    void shouldAttachEveryViewerAndShowEachExactlyWhatTheUpstreamSentWithTheGatewaysFigures() throws Exception {
        Path results = Path.of("target", "bench-smoke-results");
        BenchOptions options = BenchOptions.parse(List.of("--workload", "fanout", "--jobs", "2", "--rate", "20",
                "--viewers", "50", "--duration", "3s", "--warmup", "0s", "--results", results.toString(),
                "--service-java-opts", SMOKE_JAVA_OPTIONS),
                Path.of(System.getProperty("tributary.root", "..")));
        FanoutSettings settings = new FanoutSettings(options.jobs(), options.rate(), options.viewers(),
                options.duration(), options.attachRate());

        FanoutReport report = (FanoutReport) Bench.run(options);
        Path file = ResultsFile.write(options.results(), report.workload(), Instant.now(), report);

        assertThat(report.failures()).isEmpty();
        assertThat(report.attached()).isEqualTo(50);
        assertThat(report.deltasRead()).isEqualTo(50L * settings.chunksPerJob());
        assertThat(report.attach().count()).isEqualTo(50);
        assertThat(report.latency().count()).isPositive();
        assertThat(report.load().samples()).isPositive();
        assertThat(report.load().heapMaxMiB()).isPositive();
        assertThat(report.load().threadsMax()).isPositive();
        assertThat(report.load().viewersMax()).isPositive();
        assertThat(report.load().gatewayCpuCores()).isPositive();
        assertThat(report.load().benchCpuCores()).isPositive();
        assertThat(report.load().liveTailConsumersMax()).isEqualTo(1);
        assertThat(report.load().consumers()).anyMatch(id -> id.endsWith("-live-tail"));
        JsonNode written = JsonMapper.builder().build().readTree(Files.readString(file));
        assertThat(written.path("attached").asLong()).isEqualTo(50);
        assertThat(written.at("/load/liveTailConsumersMax").asLong()).isEqualTo(1);
        assertThat(written.at("/latencyAtFullFanOut/count").asLong()).isEqualTo(report.latencyAtFullFanOut().count());
    }
}
