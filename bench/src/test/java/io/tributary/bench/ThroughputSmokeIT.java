package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import io.tributary.bench.throughput.StepReport;
import io.tributary.bench.throughput.ThroughputReport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The throughput workload as the README runs it, briefly: the embedded stack, a ramp of up to two steps of
 * two seconds from three jobs at 300 deltas/s. Correctness only: every viewer's content is the upstream's
 * with dense ids, every job complete in {@code jobs.state}, and the figures were taken; whether a step was
 * sustained is not judged (it depends on the machine).
 */
class ThroughputSmokeIT {

    /** Quick to start, as the system tests run the services: this test judges no figure. */
    private static final String SMOKE_JAVA_OPTIONS = "-Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    @Test
    void shouldRunTheThroughputRampWithEveryViewerSeeingExactlyWhatTheUpstreamSent() throws Exception {
        Path results = Path.of("target", "bench-smoke-results");
        BenchOptions options = BenchOptions.parse(List.of("--workload", "throughput", "--jobs", "3", "--rate", "300",
                "--duration", "2s", "--steps", "2", "--warmup", "0s", "--results", results.toString(),
                "--service-java-opts", SMOKE_JAVA_OPTIONS), Path.of(System.getProperty("tributary.root", "..")));

        ThroughputReport report = (ThroughputReport) Bench.run(options);
        Path file = ResultsFile.write(options.results(), report.workload(), Instant.now(), report);

        assertThat(report.failures()).isEmpty();
        assertThat(report.steps()).isNotEmpty();
        StepReport first = report.steps().get(0);
        assertThat(first.jobs()).isEqualTo(3);
        assertThat(first.deltasRead()).isEqualTo(3L * first.chunksPerJob());
        assertThat(first.hops().produced()).isGreaterThanOrEqualTo(first.deltasRead());
        assertThat(first.cpu().cores()).containsKeys("broker", "ingest-service", "stream-processor", "gateway", "bench");
        assertThat(first.samples()).isNotEmpty();
        JsonNode written = JsonMapper.builder().build().readTree(Files.readString(file));
        assertThat(written.at("/steps/0/deltasRead").asLong()).isEqualTo(first.deltasRead());
        assertThat(written.at("/steps/0/samples").size()).isEqualTo(first.samples().size());
    }
}
