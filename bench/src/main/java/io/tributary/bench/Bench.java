package io.tributary.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;

import io.tributary.bench.latency.LatencyReport;
import io.tributary.bench.latency.LatencySettings;
import io.tributary.bench.latency.LatencyWorkload;
import io.tributary.bench.latency.WriteTimes;
import io.tributary.bench.stack.BenchStack;
import io.tributary.bench.stack.EmbeddedStack;
import io.tributary.bench.stack.TargetStack;
import io.tributary.simulator.UpstreamSimulator;

/**
 * Runs one workload and prints its figures: starts the upstream simulator in this JVM (so that the bench
 * knows when each chunk left the upstream), the embedded stack unless {@code --target} names a running
 * one, and writes the figures as JSON. Exits 0 when every viewer saw exactly what the upstream sent, 1 when
 * a run had a gap, a duplicate, a content difference or a failed job, 2 for bad options.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(Arrays.asList(args), Path.of(System.getProperty("tributary.root", "")));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        LatencySettings settings;
        try {
            settings = new LatencySettings(options.jobs(), options.rate(), options.duration());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        LatencyReport report = runLatency(options, settings);
        System.out.print(report.summary());
        Path file = ResultsFile.write(options.results(), report.workload(), Instant.now(), report);
        System.out.println("  written to      " + file);
        System.exit(report.passed() ? 0 : 1);
    }

    /**
     * The latency workload against the stack the options ask for, after a warm-up round of the same shape
     * (a warm-up with a correctness failure is the result); the stack and simulator are stopped after.
     */
    static LatencyReport runLatency(BenchOptions options, LatencySettings settings)
            throws IOException, InterruptedException {
        WriteTimes writeTimes = new WriteTimes();
        try (UpstreamSimulator simulator = UpstreamSimulator.start("0.0.0.0", options.simulatorPort(),
                Clock.systemUTC(), writeTimes);
                BenchStack stack = stack(options, "http://127.0.0.1:" + simulator.port() + "/v1")) {
            LatencyWorkload workload = new LatencyWorkload(stack, writeTimes);
            if (!options.warmup().isZero()) {
                LatencyReport warmup = workload.run(
                        new LatencySettings(settings.jobs(), settings.rate(), options.warmup()));
                System.out.print("warm-up (figures dropped) " + warmup.summary());
                if (!warmup.passed()) {
                    return warmup;
                }
            }
            return workload.run(settings);
        }
    }

    private static BenchStack stack(BenchOptions options, String simulatorUrl) throws IOException {
        if (options.target() != null) {
            return new TargetStack(options.target().get(0), options.target().get(1), options.jwtSecret());
        }
        Path workDir = Files.createTempDirectory("tributary-bench-");
        System.out.println("Starting the embedded stack (logs in " + workDir + ")");
        return EmbeddedStack.start(options.root(), workDir, simulatorUrl, options.serviceJvmOptions());
    }
}
