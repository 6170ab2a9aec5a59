package io.tributary.bench.reattach;

import java.util.SplittableRandom;

/**
 * Where each viewer of a job resumes: the first from id 0 (right after {@code started}), the second from
 * the last id the job had when the storm began (for a finished job its terminal event, which must be a
 * 204), the third from the one before it, the others anywhere in between. Seeded, so that a run can be
 * repeated with the same resume points.
 */
final class ResumePoints {

    private final SplittableRandom random;

    ResumePoints(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /**
     * @param viewerOfJob the viewer's place among the job's viewers, from 0
     * @param lastId the job's last event id known when the storm began
     */
    long next(int viewerOfJob, long lastId) {
        return switch (viewerOfJob) {
            case 0 -> 0;
            case 1 -> lastId;
            case 2 -> Math.max(0, lastId - 1);
            default -> random.nextLong(lastId + 1);
        };
    }
}
