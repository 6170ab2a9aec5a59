package io.tributary.bench.throughput;

/**
 * What one step of a throughput run offers.
 *
 * @param index 0 for the first step
 * @param jobs concurrent jobs, one viewer each
 * @param intervalMs the pause before each chunk of a job
 * @param chunksPerJob content deltas per job
 */
public record StepShape(int index, int jobs, int intervalMs, int chunksPerJob) {

    /** The deltas per second the step asks of the upstream: jobs × 1000 / interval. */
    public double askedRate() {
        return jobs * 1000.0 / intervalMs;
    }

    /** Every content delta of the step. */
    public long deltas() {
        return (long) jobs * chunksPerJob;
    }
}
