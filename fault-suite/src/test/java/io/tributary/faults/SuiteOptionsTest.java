package io.tributary.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class SuiteOptionsTest {

    private static final Path ROOT = Path.of("/repo");
    private static final Path DATA = Path.of("/tmp/faults");

    @Test
    void shouldRunEveryFaultWithTheIssuesLoadByDefault() {
        SuiteOptions options = SuiteOptions.parse(List.of(), ROOT, DATA);

        assertThat(options.faults()).containsExactly(Fault.values());
        assertThat(options.jobs()).isEqualTo(100);
        assertThat(options.viewers()).isEqualTo(1_000);
        assertThat(options.unwatched()).isEqualTo(20);
        assertThat(options.jobLength()).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.results()).isEqualTo(ROOT.resolve("fault-suite/results"));
        assertThat(options.portOffset()).isEqualTo(20_000);
    }

    @Test
    void shouldTakeFaultsByNameInTheOrderGiven() {
        SuiteOptions options = SuiteOptions.parse(List.of("--faults", "kill-ingest,pause-broker", "--jobs=10",
                "--viewers", "40"), ROOT, DATA);

        assertThat(options.faults()).containsExactly(Fault.KILL_INGEST, Fault.PAUSE_BROKER);
        assertThat(options.jobs()).isEqualTo(10);
        assertThat(options.unwatched()).isEqualTo(2);
    }

    @Test
    void shouldRefuseWhatItCannotRunWithTheReason() {
        assertThatIllegalArgumentException().isThrownBy(() -> SuiteOptions.parse(List.of("--faults", "kill-everything"),
                ROOT, DATA)).withMessageContaining("Unknown fault: kill-everything");
        assertThatIllegalArgumentException().isThrownBy(() -> SuiteOptions.parse(List.of("--jobz", "3"), ROOT, DATA))
                .withMessage("Unknown option: --jobz");
        assertThatIllegalArgumentException().isThrownBy(() -> SuiteOptions.parse(List.of("--jobs", "ten"), ROOT, DATA))
                .withMessageContaining("--jobs must be a whole number");
        assertThatIllegalArgumentException().isThrownBy(() -> SuiteOptions.parse(List.of("--jobs", "10", "--viewers",
                "5"), ROOT, DATA)).withMessageContaining("--viewers must be at least the watched jobs (8)");
        assertThatIllegalArgumentException().isThrownBy(() -> SuiteOptions.parse(List.of("--jobs"), ROOT, DATA))
                .withMessage("--jobs needs a value");
    }
}
