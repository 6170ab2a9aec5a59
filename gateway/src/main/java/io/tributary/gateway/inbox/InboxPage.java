package io.tributary.gateway.inbox;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of an inbox, newest first.
 *
 * @param unreadCount the unread notifications of the whole inbox, not only of this page
 * @param nextBefore the offset to ask the next (older) page with; null when there is none
 */
public record InboxPage(List<InboxItem> items, int unreadCount, @Nullable Long nextBefore) {
}
