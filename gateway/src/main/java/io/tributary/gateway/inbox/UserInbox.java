package io.tributary.gateway.inbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

import io.tributary.schema.Notification;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

/**
 * One user's inbox: their visible notifications by offset, their marks, and their open feeds. Marks
 * and notifications come from two topics read in no fixed order relative to each other (a mark may be
 * read before the notifications it covers), so read and hidden are decided when asked, from both, and
 * never folded into the notifications as they arrive.
 *
 * <p>Every method holds the inbox's lock. That is what makes a feed exact: a subscription registers
 * and takes its backlog under the same lock under which a new notification is stored and offered to
 * the open feeds, so each notification is either in the backlog or offered live, never both, never
 * neither.
 */
final class UserInbox {

    /** Visible notifications by offset: those covered by the CLEARED mark are dropped, never stored. */
    private final NavigableMap<Long, Notification> visible = new TreeMap<>();
    /** The offset of each visible notification by id: a notification id seen again is shown once. */
    private final Map<String, Long> offsetsById = new HashMap<>();
    /** READ marks: when each notification was read, by notification id. */
    private final Map<String, Instant> readById = new HashMap<>();
    private final List<FeedSubscriber> feeds = new ArrayList<>();
    private @Nullable ThroughMark allRead;
    private @Nullable ThroughMark cleared;
    /** The newest offset seen, hidden notifications included: what an ALL_READ or CLEARED made now covers. */
    private long newest = -1;

    synchronized void add(long offset, Notification notification) {
        newest = Math.max(newest, offset);
        if ((cleared != null && cleared.covers(offset)) || offsetsById.containsKey(notification.getId())) {
            return;
        }
        visible.put(offset, notification);
        offsetsById.put(notification.getId(), offset);
        InboxItem item = item(offset, notification);
        // A copy: a feed that ends while it is offered to unsubscribes, which changes the list.
        for (FeedSubscriber feed : List.copyOf(feeds)) {
            if (!feed.offer(item)) {
                feeds.remove(feed);
            }
        }
    }

    synchronized void markRead(String notificationId, Instant at) {
        readById.merge(notificationId, at, (earlier, later) -> earlier.isBefore(later) ? earlier : later);
    }

    synchronized void markAllRead(ThroughMark mark) {
        allRead = allRead == null ? mark : ThroughMark.later(allRead, mark);
    }

    /** Hides the notifications the mark covers, and forgets them: nothing shows them again. */
    synchronized void clear(ThroughMark mark) {
        cleared = cleared == null ? mark : ThroughMark.later(cleared, mark);
        NavigableMap<Long, Notification> hidden = visible.headMap(cleared.offset(), true);
        for (Notification notification : hidden.values()) {
            offsetsById.remove(notification.getId());
            readById.remove(notification.getId());
        }
        hidden.clear();
    }

    /** Visible notifications strictly older than {@code before} (all if null), newest first. */
    synchronized InboxPage page(@Nullable Long before, int limit) {
        NavigableMap<Long, Notification> older = before == null ? visible : visible.headMap(before, false);
        List<InboxItem> items = new ArrayList<>(Math.min(limit, older.size()));
        for (Map.Entry<Long, Notification> entry : older.descendingMap().entrySet()) {
            if (items.size() == limit) {
                break;
            }
            items.add(item(entry.getKey(), entry.getValue()));
        }
        boolean more = items.size() == limit && older.size() > limit;
        Long nextBefore = more ? items.get(items.size() - 1).offset() : null;
        return new InboxPage(List.copyOf(items), unreadCount(), nextBefore);
    }

    synchronized int unreadCount() {
        int unread = 0;
        for (Map.Entry<Long, Notification> entry : visible.entrySet()) {
            if (readAt(entry.getKey(), entry.getValue()) == null) {
                unread++;
            }
        }
        return unread;
    }

    /** How many visible notifications lie at or below the offset: what a clear through it hides. */
    synchronized int visibleCount(long through) {
        return visible.headMap(through, true).size();
    }

    synchronized Optional<InboxItem> find(String notificationId) {
        Long offset = offsetsById.get(notificationId);
        return offset == null ? Optional.empty() : Optional.of(item(offset, visible.get(offset)));
    }

    /**
     * The offset an ALL_READ mark made now should carry: the newest notification seen, hidden ones
     * included; never below the ALL_READ mark in force, because the topic is compacted and the newest
     * mark is all that a restarted gateway will know. Empty when the user has never had a notification.
     */
    synchronized OptionalLong allReadThroughNow() {
        return throughNow(allRead);
    }

    /** The offset a CLEARED mark made now should carry; see {@link #allReadThroughNow}. */
    synchronized OptionalLong clearThroughNow() {
        return throughNow(cleared);
    }

    private OptionalLong throughNow(@Nullable ThroughMark inForce) {
        long through = Math.max(newest, inForce == null ? -1 : inForce.offset());
        return through < 0 ? OptionalLong.empty() : OptionalLong.of(through);
    }

    /**
     * Opens a feed: with {@code after}, first the visible notifications newer than it, oldest first;
     * then every notification stored from now on. Without it, only the latter.
     */
    synchronized Flux<InboxItem> subscribe(@Nullable Long after, int capacity) {
        FeedSubscriber feed = new FeedSubscriber(capacity);
        feeds.add(feed);
        List<InboxItem> backlog = new ArrayList<>();
        if (after != null) {
            visible.tailMap(after, false).forEach((offset, notification) -> backlog.add(item(offset, notification)));
        }
        return Flux.concat(Flux.fromIterable(backlog), feed.items()).doFinally(signal -> unsubscribe(feed));
    }

    synchronized int feeds() {
        return feeds.size();
    }

    /** Ends every open feed; their clients resume with their last event id, here or elsewhere. */
    synchronized void closeFeeds() {
        // A copy: a feed completed here may unsubscribe at once, on this thread.
        List.copyOf(feeds).forEach(FeedSubscriber::close);
        feeds.clear();
    }

    private synchronized void unsubscribe(FeedSubscriber feed) {
        feed.close();
        feeds.remove(feed);
    }

    private InboxItem item(long offset, Notification notification) {
        return new InboxItem(notification, offset, readAt(offset, notification));
    }

    /** The earlier of the READ mark and the covering ALL_READ mark; null when neither says read. */
    private @Nullable Instant readAt(long offset, Notification notification) {
        Instant marked = readById.get(notification.getId());
        Instant all = allRead != null && allRead.covers(offset) ? allRead.at() : null;
        if (marked == null) {
            return all;
        }
        return all == null || marked.isBefore(all) ? marked : all;
    }
}
