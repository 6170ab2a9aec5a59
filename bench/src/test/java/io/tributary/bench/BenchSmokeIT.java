package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import io.tributary.bench.latency.LatencyReport;
import io.tributary.bench.latency.LatencySettings;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bench as the README runs it, briefly: the embedded stack (a broker process and the three services
 * from their jars), the simulator in this JVM, three jobs for two seconds. Correctness only: every
 * viewer's content is the upstream's with dense ids; the figures are not judged.
 */
class BenchSmokeIT {

    /** Quick to start, as the system tests run the services: this test judges no figure. */
    private static final String SMOKE_JAVA_OPTIONS = "-Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    @Test
    void shouldRunTheLatencyWorkloadWithEveryViewerSeeingExactlyWhatTheUpstreamSent() throws Exception {
        Path results = Path.of("target", "bench-smoke-results");
        BenchOptions options = BenchOptions.parse(List.of("--jobs", "3", "--rate", "150", "--duration", "2s",
                "--warmup", "0s", "--results", results.toString(), "--service-java-opts", SMOKE_JAVA_OPTIONS),
                Path.of(System.getProperty("tributary.root", "..")));
        LatencySettings settings = new LatencySettings(options.jobs(), options.rate(), options.duration());

        LatencyReport report = (LatencyReport) Bench.run(options);
        Path file = ResultsFile.write(options.results(), report.workload(), Instant.now(), report);

        assertThat(report.failures()).isEmpty();
        assertThat(report.deltasRead()).isEqualTo(3L * settings.chunksPerJob());
        assertThat(report.timeToFirstToken().count()).isEqualTo(3);
        JsonNode written = JsonMapper.builder().build().readTree(Files.readString(file));
        assertThat(written.path("deltasRead").asLong()).isEqualTo(report.deltasRead());
        assertThat(written.at("/latency/count").asLong()).isEqualTo(report.deltasTimed());
    }
}
