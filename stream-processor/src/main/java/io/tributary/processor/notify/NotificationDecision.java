package io.tributary.processor.notify;

import io.tributary.schema.Notification;

/** What happens when a job ends: its user is notified, or not, for a reason. */
public sealed interface NotificationDecision {

    /** Send {@code notification} to the job's user. */
    record Notify(Notification notification) implements NotificationDecision {
    }

    /** Send nothing. */
    record Suppress(SuppressionReason reason) implements NotificationDecision {
    }
}
