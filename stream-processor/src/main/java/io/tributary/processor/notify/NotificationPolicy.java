package io.tributary.processor.notify;

import java.time.Instant;

import io.tributary.schema.JobMode;
import io.tributary.schema.JobState;

/**
 * Decides whether the user of a job that has just ended is notified, from the job's folded state, the
 * connections seen watching it, whether its thread is muted and when it ended. Pure: the same facts
 * give the same decision. The first rule that holds decides:
 *
 * <ol>
 *   <li>a FOREGROUND job: no notification, its caller received the stream itself;</li>
 *   <li>a job without a user: nobody to notify;</li>
 *   <li>a viewer was watching when the job ended (a connection open at that instant, see
 *       {@link ViewerConnection#openAt}): no notification, the viewer saw the end;</li>
 *   <li>the thread is muted: no notification;</li>
 *   <li>otherwise the notification of the outcome ({@link NotificationComposer}).</li>
 * </ol>
 */
public final class NotificationPolicy {

    /**
     * @param job the job's state folded up to and including its terminal event
     * @param viewers the connections seen for the job; {@link JobViewers#none()} when nobody watched
     * @param muted whether the job's user muted its thread
     * @param endedAt the timestamp of the job's terminal record
     * @throws IllegalArgumentException for a job that has not ended
     */
    public NotificationDecision decide(JobState job, JobViewers viewers, boolean muted, Instant endedAt) {
        if (!JobOutcomes.hasEnded(job)) {
            throw new IllegalArgumentException("Job " + job.getJobId() + " has not ended: " + job.getStatus());
        }
        if (job.getMode() == JobMode.FOREGROUND) {
            return new NotificationDecision.Suppress(SuppressionReason.FOREGROUND);
        }
        if (job.getUserId() == null || job.getUserId().isBlank()) {
            return new NotificationDecision.Suppress(SuppressionReason.NO_USER);
        }
        if (viewers.watchedAt(endedAt)) {
            return new NotificationDecision.Suppress(SuppressionReason.WATCHED);
        }
        if (muted) {
            return new NotificationDecision.Suppress(SuppressionReason.MUTED);
        }
        return new NotificationDecision.Notify(NotificationComposer.compose(job, endedAt));
    }
}
