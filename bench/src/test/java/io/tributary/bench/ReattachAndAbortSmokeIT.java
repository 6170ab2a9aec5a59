package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.tributary.bench.abort.AbortReport;
import io.tributary.bench.reattach.ReattachReport;
import io.tributary.bench.stack.EmbeddedStack;
import io.tributary.simulator.UpstreamSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reattach and abort workloads, briefly, on one embedded stack (a broker process and the three services
 * from their jars) with the simulator in this JVM. Correctness only: every resume exact, every abort
 * reaching the upstream, the log and the viewer; the figures are produced but not judged.
 */
class ReattachAndAbortSmokeIT {

    /** Quick to start, as the system tests run the services: this test judges no figure. */
    private static final String SMOKE_JAVA_OPTIONS = "-Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    private static WriteTimes writeTimes;
    private static UpstreamSimulator simulator;
    private static EmbeddedStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        writeTimes = new WriteTimes();
        simulator = UpstreamSimulator.start("127.0.0.1", 0, Clock.systemUTC(), writeTimes);
        stack = EmbeddedStack.start(root(),
                Files.createTempDirectory("tributary-bench-smoke-"), "http://127.0.0.1:" + simulator.port() + "/v1",
                List.of(SMOKE_JAVA_OPTIONS.split(" ")));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void shouldResumeEveryViewerOfAStormExactly() throws Exception {
        // 2 finished and 2 live jobs, 3 viewers each: from id 0, from the last id (a 204 for a finished
        // job) and from the one before it.
        BenchOptions options = options("reattach", "--jobs", "4", "--viewers", "12", "--duration", "3s");

        ReattachReport report = (ReattachReport) Workloads.create("reattach").run(run(options), options.duration());

        assertThat(report.failures()).isEmpty();
        assertThat(report.exact()).isEqualTo(24).isEqualTo(report.total());
        assertThat(report.upToDate()).isEqualTo(2);
        assertThat(report.ttfbLive().count()).isEqualTo(6);
        assertThat(report.ttfbFinished().count()).isEqualTo(4);
        assertThat(report.ttfbWarm().count()).isEqualTo(8);
    }

    @Test
    void shouldAbortEveryJobUpstreamOnTheLogAndForItsViewer() throws Exception {
        BenchOptions options = options("abort", "--jobs", "3", "--duration", "2s");

        AbortReport report = (AbortReport) Workloads.create("abort").run(run(options), options.duration());

        assertThat(report.failures()).isEmpty();
        assertThat(List.of(report.answered(), report.upstreamClosed(), report.onLog(), report.viewer()))
                .allSatisfy(figures -> assertThat(figures.count()).isEqualTo(3));
    }

    private static BenchOptions options(String workload, String... args) {
        List<String> all = new ArrayList<>(List.of("--workload", workload, "--warmup", "0s"));
        all.addAll(List.of(args));
        BenchOptions options = BenchOptions.parse(all, root());
        Workloads.create(workload).check(options);
        return options;
    }

    /** The project folder; absolute, because the services run in their own working folder. */
    private static Path root() {
        return Path.of(System.getProperty("tributary.root", "..")).toAbsolutePath().normalize();
    }

    private static BenchRun run(BenchOptions options) {
        return new BenchRun(stack, writeTimes, options);
    }
}
