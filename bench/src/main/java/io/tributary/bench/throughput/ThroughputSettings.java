package io.tributary.bench.throughput;

import java.time.Duration;

/**
 * The shape of a throughput run: a first step of {@code jobs} jobs offering {@code rate} deltas per second
 * together, then, for a ramp, steps that raise the rate by {@code stepFactor} each. Every job keeps the
 * first step's pace (one chunk every {@link #intervalMs()}); a step offers more by running more jobs, as
 * more users would.
 *
 * @param jobs the first step's jobs, one viewer each
 * @param rate the first step's total deltas per second
 * @param stepDuration how long each job of a step streams
 * @param steps the most steps (1: the first step only)
 * @param stepFactor each step's rate over the one before
 */
public record ThroughputSettings(int jobs, int rate, Duration stepDuration, int steps, double stepFactor) {

    /** The simulator's most chunks per reply ({@code SimulatorOptions.MAX_CHUNKS}). */
    static final int MAX_CHUNKS = 100_000;
    /** Enough to split the step into thirds of a few chunks each and to see a trend. */
    static final int MIN_CHUNKS = 30;

    public ThroughputSettings {
        if (jobs < 1 || rate < 1 || steps < 1) {
            throw new IllegalArgumentException("--jobs, --rate and --steps must be positive");
        }
        if (jobs * 1000L / rate < 1) {
            throw new IllegalArgumentException("--rate " + rate + " needs at least " + (rate + 999) / 1000
                    + " jobs: the simulator paces each job in whole milliseconds");
        }
        if (steps > 1 && !(stepFactor > 1)) {
            throw new IllegalArgumentException("--step-factor must be more than 1 for a ramp");
        }
        long chunks = stepDuration.toMillis() / Math.round(jobs * 1000.0 / rate);
        if (chunks < MIN_CHUNKS || chunks > MAX_CHUNKS) {
            throw new IllegalArgumentException("--duration must give each job " + MIN_CHUNKS + " to " + MAX_CHUNKS
                    + " chunks at one every " + Math.round(jobs * 1000.0 / rate) + " ms, not " + chunks);
        }
    }

    /** The pause before each chunk of every job: jobs × 1000 / rate ms, rounded to whole milliseconds. */
    public int intervalMs() {
        return (int) Math.round(jobs * 1000.0 / rate);
    }

    /**
     * The shape of a step: the first step's rate × stepFactor^index, carried by as many jobs at
     * {@link #intervalMs()} as make it (rounded to whole jobs, so the step's asked rate is exact).
     */
    public StepShape step(int index) {
        double wanted = rate * Math.pow(stepFactor, index);
        int stepJobs = index == 0 ? jobs : (int) Math.max(1, Math.round(wanted * intervalMs() / 1000.0));
        return new StepShape(index, stepJobs, intervalMs(), (int) (stepDuration.toMillis() / intervalMs()));
    }
}
