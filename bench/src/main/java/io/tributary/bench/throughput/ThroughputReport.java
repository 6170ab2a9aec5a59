package io.tributary.bench.throughput;

import java.util.List;
import java.util.Locale;

import io.tributary.bench.WorkloadReport;

/**
 * The figures of a throughput run: every step, and the highest rate a step sustained.
 *
 * @param workload always {@code throughput}
 * @param firstJobs the first step's jobs
 * @param firstRate the first step's asked rate
 * @param intervalMs the pause before each chunk of every job
 * @param stepSeconds how long each job streams
 * @param stepFactor each step's rate over the one before
 * @param steps every step that ran, in order
 * @param highestSustainedRate the delivered rate of the fastest sustained step; 0 when none was
 * @param highestSustainedStep its index, or -1
 * @param failures gaps, duplicates, content differences, jobs that did not complete
 */
public record ThroughputReport(String workload, int firstJobs, int firstRate, int intervalMs, double stepSeconds,
        double stepFactor, List<StepReport> steps, double highestSustainedRate, int highestSustainedStep,
        List<String> failures) implements WorkloadReport {

    static ThroughputReport of(ThroughputSettings settings, List<StepReport> steps, List<String> failures) {
        StepReport best = null;
        for (StepReport step : steps) {
            if (step.sustained() && (best == null || step.deliveredRate() > best.deliveredRate())) {
                best = step;
            }
        }
        return new ThroughputReport("throughput", settings.jobs(), settings.rate(), settings.intervalMs(),
                settings.stepDuration().toMillis() / 1_000.0, settings.stepFactor(), steps,
                best == null ? 0 : best.deliveredRate(), best == null ? -1 : best.step(), List.copyOf(failures));
    }

    @Override
    public String summary() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "throughput: from %d jobs at one chunk every %d ms (%d deltas/s), ×%.2f per step, %.0f s per step%n",
                firstJobs, intervalMs, firstRate, stepFactor, stepSeconds));
        text.append("  step   jobs    asked  written     read   p50 ms   p99 ms  drain ms  µs/delta  sustained")
                .append(System.lineSeparator());
        for (StepReport step : steps) {
            text.append(String.format(Locale.ROOT, "  %4d %6d %8.0f %8.0f %8.0f %8.1f %8.1f %9.0f %9.0f  %s%n",
                    step.step(), step.jobs(), step.askedRate(), step.offeredRate(), step.deliveredRate(),
                    step.latency().p50(), step.latency().p99(), Math.max(step.viewerDrainMs(), step.stateDrainMs()),
                    step.cpu().pipelineMicrosPerDelta(), step.sustained() ? "yes" : "no"));
        }
        text.append(String.format(Locale.ROOT, "  highest sustained  %.0f deltas/s%s (bar: ≥ 50,000)%n",
                highestSustainedRate, highestSustainedStep < 0 ? " (no step was sustained)"
                        : " (step " + highestSustainedStep + ")"));
        return text.append(verdict("every viewer's content equals the upstream's; ids dense; jobs.state complete"))
                .toString();
    }
}
