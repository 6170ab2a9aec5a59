package io.tributary.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The fault suite's representative set, run in CI: the full stack of {@code ./run-local.sh --brokers 3
 * --instances 2}, a smaller load (20 jobs of 80 s, long enough to outlast a cold stack's attach of the 200
 * viewers, up to 29 s in CI; 200 viewers), and two faults: the broker leading most of
 * {@code jobs.deltas} killed, then a gateway killed under half the viewers. Every check of the full suite
 * applies; the figures are printed, not judged. The full suite (every fault, 100 jobs, 1,000 viewers) has a
 * command of its own (FAULTS.md).
 */
class FaultSuiteIT {

    @Test
    void shouldLoseAndDuplicateNothingThroughABrokerAndAGatewayKilledUnderLoad() throws Exception {
        Path root = Path.of(System.getProperty("tributary.root", "..")).toAbsolutePath().normalize();
        SuiteOptions options = SuiteOptions.parse(List.of(
                "--faults", "kill-leader-broker,kill-gateway",
                "--jobs", "20",
                "--viewers", "200",
                "--chunks", "400",
                "--fault-after", "6",
                "--results", Path.of("target", "fault-results").toString()),
                root, Files.createTempDirectory(Path.of("target"), "fault-suite-it-").toAbsolutePath());

        List<RoundReport> reports = FaultSuite.run(options);
        FaultSuite.write(options, reports);

        assertThat(reports).hasSize(2);
        for (RoundReport report : reports) {
            assertThat(report.failures()).as(report.summary()).isEmpty();
            assertThat(report.lost()).isZero();
            assertThat(report.duplicated()).isZero();
            assertThat(report.viewersExact()).isEqualTo(report.viewers());
            assertThat(report.completed()).as("no job of a live ingest may be interrupted").isEqualTo(report.jobs());
        }
    }
}
