package io.tributary.gateway.sse;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import io.tributary.gateway.inbox.InboxItem;
import io.tributary.gateway.inbox.InboxPage;
import io.tributary.schema.Notification;
import io.tributary.schema.NotificationAction;

/**
 * The bytes of the inbox API and its feed. Each feed message is an event named {@code notification}
 * with the notification's event id as its {@code id:} and the same item JSON as the list's, on one
 * {@code data:} line (written by {@link JobJson}, so no text of a notification can start a new SSE field).
 */
public final class NotificationMessages {

    private final JobJson json;

    public NotificationMessages(JobJson json) {
        this.json = json;
    }

    /** The list endpoint's answer. */
    public byte[] page(InboxPage page) {
        NotificationListBody body = new NotificationListBody(
                page.items().stream().map(NotificationMessages::body).toList(),
                page.unreadCount(),
                page.nextBefore() == null ? null : Long.toString(page.nextBefore()));
        return utf8(json.write(body));
    }

    /** One feed message. */
    public byte[] event(InboxItem item) {
        return utf8("event: notification\nid: " + item.eventId() + "\ndata: " + json.write(body(item)) + "\n\n");
    }

    private static NotificationBody body(InboxItem item) {
        Notification notification = item.notification();
        return new NotificationBody(
                notification.getId(),
                item.eventId(),
                notification.getType(),
                notification.getTitle(),
                notification.getBody(),
                notification.getJobId(),
                notification.getThreadId(),
                notification.getMessageId(),
                StatusBodies.statusName(notification.getOutcome()),
                notification.getError(),
                notification.getActions().stream().map(NotificationMessages::action).toList(),
                notification.getCreatedAt().toString(),
                item.read(),
                item.readAt() == null ? null : item.readAt().toString());
    }

    private static NotificationBody.Action action(NotificationAction action) {
        return new NotificationBody.Action(action.getId(), action.getLabel(), action.getKind(),
                sorted(action.getTarget()), sorted(action.getData()));
    }

    /** Sorted keys: the same notification renders to the same bytes on every gateway. */
    private static Map<String, String> sorted(Map<String, String> map) {
        return new TreeMap<>(map);
    }

    /** Exact: the JSON holds no unpaired surrogate, so there is nothing the encoder could replace. */
    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
