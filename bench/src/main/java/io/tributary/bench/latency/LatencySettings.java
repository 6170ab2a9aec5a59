package io.tributary.bench.latency;

import java.time.Duration;

/**
 * The shape of a latency run: {@code jobs} jobs at once, each streaming a chunk every {@link #intervalMs()},
 * so that together they send about {@code rate} deltas per second for {@code duration}.
 *
 * @param jobs concurrent jobs, one viewer each
 * @param rate the total deltas per second asked for
 * @param duration how long each job streams
 */
public record LatencySettings(int jobs, int rate, Duration duration) {

    public LatencySettings {
        if (jobs < 1 || rate < 1) {
            throw new IllegalArgumentException("--jobs and --rate must be positive");
        }
        if (jobs * 1000L / rate < 1) {
            throw new IllegalArgumentException("--rate " + rate + " needs at least " + (rate + 999) / 1000
                    + " jobs: the simulator paces each job in whole milliseconds");
        }
        if (duration.toMillis() < jobs * 1000L / rate) {
            throw new IllegalArgumentException("--duration is shorter than one chunk interval");
        }
    }

    /** The pause before each chunk of one job: jobs × 1000 / rate ms, rounded to whole milliseconds. */
    public int intervalMs() {
        return (int) Math.round(jobs * 1000.0 / rate);
    }

    /** The chunks of each job: as many as fit in the duration. */
    public int chunksPerJob() {
        return (int) (duration.toMillis() / intervalMs());
    }

    /** The rate the rounded interval gives, which is the one the run asks of the pipeline. */
    public double effectiveRate() {
        return jobs * 1000.0 / intervalMs();
    }
}
