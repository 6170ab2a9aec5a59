package io.tributary.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import io.tributary.bench.stack.BenchStack;
import io.tributary.bench.stack.EmbeddedStack;
import io.tributary.bench.stack.LazyStack;
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
        try {
            Workloads.create(options.workload()).check(options);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        WorkloadReport report = run(options);
        System.out.print(report.summary());
        Path file = ResultsFile.write(options.results(), report.workload(), Instant.now(), report);
        System.out.println("  written to      " + file);
        System.exit(report.passed() ? 0 : 1);
    }

    /**
     * The workload the options name against the stack they ask for, after a warm-up round of the same shape
     * (a warm-up with a correctness failure is the result); the stack and simulator are stopped after. The
     * stack starts before the first round unless the workload starts it by its first use.
     */
    static WorkloadReport run(BenchOptions options) throws Exception {
        Workload workload = Workloads.create(options.workload());
        WriteTimes writeTimes = new WriteTimes();
        try (UpstreamSimulator simulator = UpstreamSimulator.start("0.0.0.0", options.simulatorPort(),
                Clock.systemUTC(), writeTimes);
                LazyStack stack = new LazyStack(() -> stack(options, "http://127.0.0.1:" + simulator.port() + "/v1"))) {
            if (workload.needsStackUpFront()) {
                stack.started();
            }
            BenchRun run = new BenchRun(stack, writeTimes, options);
            if (workload.timed() && !options.warmup().isZero()) {
                WorkloadReport warmup = workload.run(run, options.warmup());
                System.out.print("warm-up (figures dropped) " + warmup.summary());
                if (!warmup.passed()) {
                    return warmup;
                }
            }
            return workload.run(run, options.duration());
        }
    }

    private static BenchStack stack(BenchOptions options, String simulatorUrl) throws IOException {
        List<String> target = options.target();
        if (target != null) {
            return new TargetStack(target.get(0), target.get(1), target.size() > 2 ? target.get(2) : null,
                    options.bootstrap(), options.jwtSecret());
        }
        Path workDir = Files.createTempDirectory("tributary-bench-");
        System.out.println("Starting the embedded stack (logs in " + workDir + ")");
        return EmbeddedStack.start(options.root(), workDir, simulatorUrl, options.serviceJvmOptions(),
                options.gatewayJvmOptions());
    }
}
