package io.tributary.gateway.sse;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The answer of the inbox list: a page newest first, the unread count of the whole inbox, and the
 * event id to ask the next (older) page with, null on the last page.
 */
record NotificationListBody(List<NotificationBody> notifications, int unreadCount, @Nullable String nextBefore) {
}
