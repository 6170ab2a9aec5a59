package io.tributary.bench.abort;

import java.time.Duration;

/**
 * The shape of an abort run: {@code jobs} jobs streaming at a steady pace, each aborted once, the aborts
 * spread evenly over {@code duration}. A job has chunks for far longer than the run, so none ends on its own.
 *
 * @param jobs jobs, one abort each
 * @param duration the time over which the aborts are spread
 */
public record AbortSettings(int jobs, Duration duration) {

    /**
     * A job's pause between chunks: 20 deltas/s each, a fast model's pace, so that 50 jobs ask 1,000
     * deltas/s of the pipeline and the aborts are not timed on a saturated machine.
     */
    static final int INTERVAL_MS = 50;
    /** How long a job could stream past the run before it ended by itself. */
    private static final Duration SPARE = Duration.ofSeconds(120);

    public AbortSettings {
        if (jobs < 1) {
            throw new IllegalArgumentException("--jobs must be positive");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("--duration must be positive");
        }
    }

    /** Content deltas of a job: more than the run can stream. */
    int chunks() {
        return (int) (duration.plus(SPARE).toMillis() / INTERVAL_MS);
    }

    /** When job {@code index} is aborted, after the first abort's moment: in the middle of its slot. */
    Duration abortAt(int index) {
        return duration.multipliedBy(2L * index + 1).dividedBy(2L * jobs);
    }
}
