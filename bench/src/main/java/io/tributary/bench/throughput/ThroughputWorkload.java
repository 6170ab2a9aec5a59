package io.tributary.bench.throughput;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.tributary.bench.BenchOptions;
import io.tributary.bench.BenchRun;
import io.tributary.bench.Workload;

/**
 * The highest rate the whole pipeline carries with bounded lag: steps of a fixed offered rate, each with a
 * fresh set of jobs and viewers, from {@code --rate} up by {@code --step-factor} until a step is not
 * sustained ({@link SustainedRules}) or {@code --steps} have run. A correctness failure (a gap, a duplicate,
 * other content, a job that did not complete) ends the ramp and fails the run.
 */
public final class ThroughputWorkload implements Workload {

    @Override
    public void check(BenchOptions options) {
        settings(options, options.duration());
    }

    @Override
    public ThroughputReport run(BenchRun run, Duration duration) throws InterruptedException {
        ThroughputSettings settings = settings(run.options(), duration);
        StepRun stepRun = new StepRun(run.stack(), run.writeTimes());
        String runId = Long.toString(System.currentTimeMillis(), 36);
        List<StepReport> steps = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (int index = 0; index < settings.steps(); index++) {
            StepReport step = stepRun.run(settings.step(index), duration, runId, failures);
            steps.add(step);
            System.out.print(step.summary());
            if (!failures.isEmpty() || !step.sustained()) {
                break;
            }
        }
        return ThroughputReport.of(settings, steps, failures);
    }

    private static ThroughputSettings settings(BenchOptions options, Duration duration) {
        return new ThroughputSettings(options.jobs(), options.rate(), duration, options.steps(), options.stepFactor());
    }
}
