package io.tributary.processor;

import io.tributary.schema.JobEvent;
import io.tributary.schema.JobState;
import io.tributary.schema.LogPosition;
import io.tributary.schema.fold.JobFold;

/** Job states as the fold makes them from events. */
public final class JobStates {

    private JobStates() {
    }

    /** The state folded from {@code events}, placed at offsets 0, 1, 2, ... of partition 0. */
    public static JobState folded(JobEvents job, JobEvent... events) {
        JobFold fold = JobFold.empty(job.jobId());
        long offset = 0;
        for (JobEvent event : events) {
            fold.apply(event, LogPosition.newBuilder().setPartition(0).setOffset(offset++).build());
        }
        JobState state = fold.toState();
        if (state == null) {
            throw new IllegalArgumentException("No STARTED event among " + events.length + " events");
        }
        return state;
    }
}
