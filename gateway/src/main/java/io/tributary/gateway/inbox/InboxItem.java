package io.tributary.gateway.inbox;

import java.time.Instant;

import io.tributary.schema.Notification;
import org.jspecify.annotations.Nullable;

/**
 * A notification as its user's inbox shows it at one moment.
 *
 * @param offset where the notification lies on its partition of {@code notifications}; all of a user's
 *     notifications share one partition, so offsets order them, and the offset is the item's event id
 * @param readAt when the user read it (a READ mark or the ALL_READ mark that covers it); null if unread
 */
public record InboxItem(Notification notification, long offset, @Nullable Instant readAt) {

    public boolean read() {
        return readAt != null;
    }

    /** The id of the item in the API and on the feed: its offset, as a decimal string. */
    public String eventId() {
        return Long.toString(offset);
    }
}
