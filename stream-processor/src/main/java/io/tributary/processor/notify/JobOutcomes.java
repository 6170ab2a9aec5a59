package io.tributary.processor.notify;

import io.tributary.schema.JobState;
import io.tributary.schema.JobStatus;
import org.jspecify.annotations.Nullable;

/** Whether a folded job has ended; once it has, its notification decision has been taken. */
final class JobOutcomes {

    private JobOutcomes() {
    }

    static boolean hasEnded(@Nullable JobState job) {
        if (job == null) {
            return false;
        }
        JobStatus status = job.getStatus();
        return status == JobStatus.COMPLETE || status == JobStatus.ERROR || status == JobStatus.ABORTED;
    }
}
