package io.tributary.bench.reattach;

import java.time.Duration;

/**
 * The shape of a reattach run: {@code jobs} jobs, half of them finished before the storm and half still
 * streaming through it, and {@code viewers} viewers spread evenly over them that reconnect at once.
 *
 * @param jobs jobs, of which {@link #finishedJobs()} end before the storm
 * @param viewers viewers in the storm
 * @param duration how long a live job streams; the storm comes a third of the way into it
 */
public record ReattachSettings(int jobs, int viewers, Duration duration) {

    /**
     * The gateway's default {@code tributary.gateway.max-streams-per-user}: every viewer of a job is its
     * user (another user's job is a 404), so one job can have at most this many open streams.
     */
    static final int MAX_STREAMS_PER_USER = 20;
    /** A live job's pause between chunks: 50 deltas/s each, so that a storm meets it mid-stream. */
    static final int LIVE_INTERVAL_MS = 20;
    /** A finished job's content deltas and their pace: a few seconds of history written quickly. */
    static final int FINISHED_CHUNKS = 500;
    static final int FINISHED_INTERVAL_MS = 2;

    public ReattachSettings {
        if (jobs < 2 || viewers < 1) {
            throw new IllegalArgumentException("--jobs must be at least 2 (live and finished) and --viewers positive");
        }
        if (viewersPerJob(jobs, viewers) > MAX_STREAMS_PER_USER) {
            throw new IllegalArgumentException("--viewers " + viewers + " over --jobs " + jobs + " is more than "
                    + MAX_STREAMS_PER_USER + " viewers per job, the gateway's open streams per user: use --jobs "
                    + (viewers + MAX_STREAMS_PER_USER - 1) / MAX_STREAMS_PER_USER + " or more");
        }
        if (duration.toMillis() < 3_000) {
            throw new IllegalArgumentException("--duration must be at least 3s: the storm comes at a third of it");
        }
    }

    private static int viewersPerJob(int jobs, int viewers) {
        return (viewers + jobs - 1) / jobs;
    }

    /** Jobs that have ended before the storm. */
    public int finishedJobs() {
        return jobs / 2;
    }

    /** Content deltas of a live job: as many as fit in the duration. */
    public int liveChunks() {
        return (int) (duration.toMillis() / LIVE_INTERVAL_MS);
    }

    /** When the storm comes, after the first live job's start (the finished jobs have ended before that). */
    public Duration stormAfter() {
        return duration.dividedBy(3);
    }

    /** The job viewer {@code viewer} reconnects to: round-robin, so each job gets its share. */
    public int jobOf(int viewer) {
        return viewer % jobs;
    }
}
