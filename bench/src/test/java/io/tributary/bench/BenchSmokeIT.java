package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.tributary.bench.abort.AbortReport;
import io.tributary.bench.fanout.FanoutReport;
import io.tributary.bench.fanout.FanoutSettings;
import io.tributary.bench.latency.LatencyReport;
import io.tributary.bench.latency.LatencySettings;
import io.tributary.bench.reattach.ReattachReport;
import io.tributary.bench.stack.EmbeddedStack;
import io.tributary.bench.state.StateCostReport;
import io.tributary.bench.streams.StreamsReport;
import io.tributary.bench.throughput.StepReport;
import io.tributary.bench.throughput.ThroughputReport;
import io.tributary.bench.ttft.TtftReport;
import io.tributary.simulator.UpstreamSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every workload as the README runs it, briefly, on one embedded stack (a broker process and the three
 * services from their jars) with the simulator in this JVM: a few jobs for a few seconds. Correctness
 * only (every viewer's content is the upstream's with dense ids, every count found what the upstream
 * sent) and that the figures were produced and written; no figure is judged.
 */
class BenchSmokeIT {

    /** Quick to start, as the system tests run the services: this test judges no figure. */
    private static final String SMOKE_JAVA_OPTIONS = "-Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";
    private static final Path RESULTS = Path.of("target", "bench-smoke-results");

    private static final WriteTimes writeTimes = new WriteTimes();
    private static UpstreamSimulator simulator;
    private static EmbeddedStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        simulator = UpstreamSimulator.start("127.0.0.1", 0, Clock.systemUTC(), writeTimes);
        BenchOptions options = options();
        stack = EmbeddedStack.start(options.root(), Files.createTempDirectory("tributary-bench-smoke-"),
                "http://127.0.0.1:" + simulator.port() + "/v1", options.serviceJvmOptions());
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
    void shouldRunTheLatencyWorkloadWithEveryViewerSeeingExactlyWhatTheUpstreamSent() throws Exception {
        BenchOptions options = options("--workload", "latency", "--jobs", "3", "--rate", "150");
        LatencySettings settings = new LatencySettings(options.jobs(), options.rate(), Duration.ofSeconds(2));

        LatencyReport report = (LatencyReport) run(options, Duration.ofSeconds(2));

        assertThat(report.failures()).isEmpty();
        assertThat(report.deltasRead()).isEqualTo(3L * settings.chunksPerJob());
        assertThat(report.timeToFirstToken().count()).isEqualTo(3);
        JsonNode written = writtenFigures(report);
        assertThat(written.path("deltasRead").asLong()).isEqualTo(report.deltasRead());
        assertThat(written.at("/latency/count").asLong()).isEqualTo(report.deltasTimed());
    }

    @Test
    void shouldRunTheThroughputRampWithEveryViewerSeeingExactlyWhatTheUpstreamSent() throws Exception {
        BenchOptions options = options("--workload", "throughput", "--jobs", "3", "--rate", "300", "--steps", "2");

        ThroughputReport report = (ThroughputReport) run(options, Duration.ofSeconds(2));

        assertThat(report.failures()).isEmpty();
        assertThat(report.steps()).isNotEmpty();
        StepReport first = report.steps().get(0);
        assertThat(first.jobs()).isEqualTo(3);
        assertThat(first.deltasRead()).isEqualTo(3L * first.chunksPerJob());
        assertThat(first.hops().produced()).isGreaterThanOrEqualTo(first.deltasRead());
        assertThat(first.cpu().cores()).containsKeys("broker", "ingest-service", "stream-processor", "gateway", "bench");
        assertThat(first.samples()).isNotEmpty();
        JsonNode written = writtenFigures(report);
        assertThat(written.at("/steps/0/deltasRead").asLong()).isEqualTo(first.deltasRead());
        assertThat(written.at("/steps/0/samples").size()).isEqualTo(first.samples().size());
    }

    @Test
    void shouldCountTheBytesEachJobWroteToEveryTopicAndFindWhatTheUpstreamSent() throws Exception {
        BenchOptions options = options("--workload", "state", "--jobs", "2", "--chunks", "200");

        StateCostReport report = (StateCostReport) run(options, Duration.ofSeconds(2));

        assertThat(report.failures()).isEmpty();
        assertThat(report.longJob().deltaRecords()).as("started, 200 chunks, usage, completed").isGreaterThan(200);
        assertThat(report.longJob().stateBytes()).isPositive();
        assertThat(report.longJob().changelogBytes()).isPositive();
        assertThat(report.shortJobsTotal().jobs()).isEqualTo(2);
        assertThat(writtenFigures(report).at("/longJob/deltaBytes").asLong()).isEqualTo(report.longJob().deltaBytes());
    }

    @Test
    void shouldAttachEveryFanOutViewerAndShowEachExactlyWhatTheUpstreamSentWithTheGatewaysFigures() throws Exception {
        BenchOptions options = options("--workload", "fanout", "--jobs", "2", "--rate", "20", "--viewers", "50",
                "--duration", "3s");
        FanoutSettings settings = new FanoutSettings(options.jobs(), options.rate(), options.viewers(),
                options.duration(), options.attachRate());

        FanoutReport report = (FanoutReport) run(options, options.duration());

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
        assertThat(report.load().liveTailConsumersMax()).isEqualTo(1);
        assertThat(report.load().consumers()).anyMatch(id -> id.endsWith("-live-tail"));
        JsonNode written = writtenFigures(report);
        assertThat(written.path("attached").asLong()).isEqualTo(50);
        assertThat(written.at("/load/liveTailConsumersMax").asLong()).isEqualTo(1);
        assertThat(written.at("/latencyAtFullFanOut/count").asLong()).isEqualTo(report.latencyAtFullFanOut().count());
    }

    @Test
    void shouldResumeEveryViewerOfAStormExactly() throws Exception {
        // 2 finished and 2 live jobs, 3 viewers each: from id 0, from the last id (a 204 for a finished
        // job) and from the one before it.
        BenchOptions options = options("--workload", "reattach", "--jobs", "4", "--viewers", "12", "--duration", "3s");

        ReattachReport report = (ReattachReport) run(options, Duration.ofSeconds(3));

        assertThat(report.failures()).isEmpty();
        assertThat(report.exact()).isEqualTo(24).isEqualTo(report.total());
        assertThat(report.upToDate()).isEqualTo(2);
        assertThat(report.ttfbLive().count()).isEqualTo(6);
        assertThat(report.ttfbFinished().count()).isEqualTo(4);
        assertThat(report.ttfbWarm().count()).isEqualTo(8);
        assertThat(writtenFigures(report).path("exact").asLong()).isEqualTo(24);
    }

    @Test
    void shouldAbortEveryJobUpstreamOnTheLogAndForItsViewer() throws Exception {
        BenchOptions options = options("--workload", "abort", "--jobs", "3", "--duration", "2s");

        AbortReport report = (AbortReport) run(options, Duration.ofSeconds(2));

        assertThat(report.failures()).isEmpty();
        assertThat(List.of(report.answered(), report.upstreamClosed(), report.onLog(), report.viewer()))
                .allSatisfy(figures -> assertThat(figures.count()).isEqualTo(3));
    }

    @Test
    void shouldLetAFreshViewerInAtTheStartsAnswerAndTimeItsFirstToken() throws Exception {
        BenchOptions options = options("--workload", "ttft", "--jobs", "3", "--duration", "1s");

        TtftReport report = (TtftReport) run(options, Duration.ofSeconds(1));

        assertThat(report.failures()).isEmpty();
        assertThat(List.of(report.attach(), report.firstToken(), report.firstChunkLatency()))
                .allSatisfy(figures -> assertThat(figures.count()).isEqualTo(3));
        assertThat(report.steadyLatency().count()).isPositive();
        assertThat(writtenFigures(report).path("firstChunkMs").asInt()).isEqualTo(300);
    }

    @Test
    void shouldDeliverEveryAppendOnceToEveryReaderOfTributaryAndOfTheReferenceServer() throws Exception {
        BenchOptions options = options("--workload", "streams", "--streams", "3", "--rate", "30", "--viewers", "2",
                "--duration", "2s", "--target", "both");

        StreamsReport report = (StreamsReport) run(options, Duration.ofSeconds(2));

        assertThat(report.failures()).isEmpty();
        assertThat(report.targets()).hasSize(2).allSatisfy(target -> {
            assertThat(target.exact()).isTrue();
            assertThat(target.delivery().count()).isPositive();
        });
        assertThat(report.deliveryP99Ratio()).isPositive();
    }

    /** One measured round of the named workload on the shared stack, as {@link Bench#run} does it. */
    private static WorkloadReport run(BenchOptions options, Duration duration) throws Exception {
        Workload workload = Workloads.create(options.workload());
        workload.check(options);
        return workload.run(new BenchRun(stack, writeTimes, options), duration);
    }

    private static JsonNode writtenFigures(WorkloadReport report) throws Exception {
        Path file = ResultsFile.write(RESULTS, report.workload(), Instant.now(), report);
        return JsonMapper.builder().build().readTree(Files.readString(file));
    }

    private static BenchOptions options(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--warmup", "0s", "--results", RESULTS.toString(), "--service-java-opts", SMOKE_JAVA_OPTIONS));
        return BenchOptions.parse(all, Path.of(System.getProperty("tributary.root", "..")));
    }
}
