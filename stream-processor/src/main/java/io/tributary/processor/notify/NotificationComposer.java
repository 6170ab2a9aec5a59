package io.tributary.processor.notify;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tributary.schema.JobFailure;
import io.tributary.schema.JobState;
import io.tributary.schema.JobStatus;
import io.tributary.schema.Notification;
import io.tributary.schema.NotificationAction;
import org.jspecify.annotations.Nullable;

/**
 * Writes the notification of a finished job as the original client shows it: a type it knows
 * ({@value #RECEIVED} or {@value #WARNING}), a title and body by outcome, and one "Open chat" action
 * that navigates to the job's thread and message.
 */
public final class NotificationComposer {

    /** The type of a completed job's notification. */
    public static final String RECEIVED = "ai.message.received";

    /** The type of a failed or stopped job's notification. */
    public static final String WARNING = "system.warning";

    static final String COMPLETE_TITLE = "AI response ready";
    static final String COMPLETE_BODY = "Your background response is ready.";
    static final String ERROR_TITLE = "AI response failed";
    static final String ERROR_FALLBACK_BODY = "The background response failed.";
    static final String ABORTED_TITLE = "AI response stopped";
    static final String ABORTED_BODY = "The background response was stopped.";

    static final String ACTION_ID = "open-chat";
    static final String ACTION_LABEL = "Open chat";
    static final String ACTION_KIND = "navigate";

    private NotificationComposer() {
    }

    /**
     * The id of a job's notification: derived from the jobId alone, so that whatever happens (a
     * processor reset that decides again) the same job never yields two ids and readers can dedupe.
     */
    public static String notificationId(String jobId) {
        return UUID.nameUUIDFromBytes(("notification/" + jobId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * The notification of {@code job}, which has ended.
     *
     * @param createdAt when the job ended: the timestamp of its terminal record
     * @throws IllegalArgumentException for a job that has not ended
     */
    public static Notification compose(JobState job, Instant createdAt) {
        Notification.Builder notification = Notification.newBuilder()
                .setId(notificationId(job.getJobId()))
                .setUserId(job.getUserId())
                .setJobId(job.getJobId())
                .setThreadId(job.getThreadId())
                .setMessageId(job.getMessageId())
                .setOutcome(job.getStatus())
                .setCreatedAt(createdAt)
                .setActions(List.of(openChat(job)));
        JobStatus status = job.getStatus();
        switch (status) {
            case COMPLETE -> notification.setType(RECEIVED).setTitle(COMPLETE_TITLE).setBody(COMPLETE_BODY);
            case ERROR -> {
                String message = failureMessage(job.getFailure());
                notification.setType(WARNING).setTitle(ERROR_TITLE)
                        .setBody(message == null ? ERROR_FALLBACK_BODY : message)
                        .setError(message);
            }
            case ABORTED -> notification.setType(WARNING).setTitle(ABORTED_TITLE).setBody(ABORTED_BODY);
            default -> throw new IllegalArgumentException("Job " + job.getJobId() + " has not ended: " + status);
        }
        return notification.build();
    }

    private static NotificationAction openChat(JobState job) {
        return NotificationAction.newBuilder()
                .setId(ACTION_ID)
                .setLabel(ACTION_LABEL)
                .setKind(ACTION_KIND)
                .setTarget(present("threadId", job.getThreadId()))
                .setData(present("messageId", job.getMessageId()))
                .build();
    }

    /** A map of the one entry, or none when the value is null (Avro maps hold no null values). */
    private static Map<String, String> present(String key, @Nullable String value) {
        Map<String, String> map = new LinkedHashMap<>();
        if (value != null) {
            map.put(key, value);
        }
        return map;
    }

    private static @Nullable String failureMessage(@Nullable JobFailure failure) {
        if (failure == null || failure.getMessage() == null || failure.getMessage().isBlank()) {
            return null;
        }
        return failure.getMessage();
    }
}
