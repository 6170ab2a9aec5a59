package io.tributary.gateway.sse;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A notification as the API and the feed show it, in the original client's shape.
 *
 * @param eventId the notification's offset as a decimal string: its SSE id and the {@code before}
 *     cursor of the list
 * @param outcome the job's status name: {@code complete}, {@code error}, {@code aborted}
 * @param createdAt ISO-8601
 * @param readAt ISO-8601; null while unread
 */
record NotificationBody(
        String id,
        String eventId,
        String type,
        String title,
        String body,
        String jobId,
        @Nullable String threadId,
        @Nullable String messageId,
        String outcome,
        @Nullable String error,
        List<Action> actions,
        String createdAt,
        boolean read,
        @Nullable String readAt) {

    /** A button: kind {@code navigate} opens {@code target}. */
    record Action(String id, String label, String kind, Map<String, String> target, Map<String, String> data) {
    }
}
