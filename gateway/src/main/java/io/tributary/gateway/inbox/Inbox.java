package io.tributary.gateway.inbox;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

import io.tributary.gateway.kafka.ReplicatedRecord;
import io.tributary.schema.Notification;
import io.tributary.schema.NotificationMark;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

/**
 * Every user's inbox as far as this gateway has read, found by user (never a scan of all users).
 * {@link #applyNotification} and {@link #applyMark} are fed by the replica of {@code notifications} and
 * {@code notifications.marks}; every gateway applies the same records, so every gateway shows the same
 * inboxes, and a restarted one rebuilds them.
 *
 * <p>The rules: a notification is read if a READ mark names it or it lies at or below the ALL_READ
 * mark's offset; it is hidden (and forgotten) at or below the CLEARED mark's offset; a notification id
 * seen twice is shown once, at its first offset. Tombstones carry no meaning on either topic (nobody
 * takes a mark back) and are ignored.
 */
public final class Inbox {

    private static final Logger log = LoggerFactory.getLogger(Inbox.class);

    private final Map<String, UserInbox> users = new ConcurrentHashMap<>();

    /** Applies a record of {@code notifications}: stores it and offers it to its user's open feeds. */
    public void applyNotification(ReplicatedRecord<Notification> record) {
        Notification notification = record.value();
        if (notification != null) {
            of(notification.getUserId()).add(record.offset(), notification);
        }
    }

    /** Applies a record of {@code notifications.marks}. */
    public void applyMark(ReplicatedRecord<NotificationMark> record) {
        NotificationMark mark = record.value();
        if (mark == null) {
            return;
        }
        UserInbox inbox = of(mark.getUserId());
        switch (mark.getKind()) {
            case READ -> {
                if (mark.getNotificationId() != null) {
                    inbox.markRead(mark.getNotificationId(), mark.getAt());
                } else {
                    skip(record, "a READ mark without a notification id");
                }
            }
            case ALL_READ -> {
                ThroughMark through = through(mark);
                if (through != null) {
                    inbox.markAllRead(through);
                } else {
                    skip(record, "an ALL_READ mark without an offset");
                }
            }
            case CLEARED -> {
                ThroughMark through = through(mark);
                if (through != null) {
                    inbox.clear(through);
                } else {
                    skip(record, "a CLEARED mark without an offset");
                }
            }
            default -> skip(record, "a mark of unknown kind " + mark.getKind());
        }
    }

    /** A page of the user's visible notifications strictly older than {@code before} (newest if null). */
    public InboxPage page(String userId, @Nullable Long before, int limit) {
        return existing(userId).map(inbox -> inbox.page(before, limit)).orElse(new InboxPage(List.of(), 0, null));
    }

    public int unreadCount(String userId) {
        return existing(userId).map(UserInbox::unreadCount).orElse(0);
    }

    /** How many of the user's visible notifications lie at or below the offset. */
    public int visibleCount(String userId, long through) {
        return existing(userId).map(inbox -> inbox.visibleCount(through)).orElse(0);
    }

    /** The user's visible notification with this id; another user's is not found, like a missing one. */
    public Optional<InboxItem> find(String userId, String notificationId) {
        return existing(userId).flatMap(inbox -> inbox.find(notificationId));
    }

    /** The offset an ALL_READ mark made now should carry; empty if the user never had a notification. */
    public OptionalLong allReadThroughNow(String userId) {
        return existing(userId).map(UserInbox::allReadThroughNow).orElse(OptionalLong.empty());
    }

    /** The offset a CLEARED mark made now should carry; empty if the user never had a notification. */
    public OptionalLong clearThroughNow(String userId) {
        return existing(userId).map(UserInbox::clearThroughNow).orElse(OptionalLong.empty());
    }

    /**
     * The user's feed, opened when subscribed to: with {@code after}, first the visible notifications
     * newer than that offset, then each new one as it is applied, without gap or duplicate; without
     * it, only the new ones. The feed ends when the subscriber falls {@code capacity} items behind.
     */
    public Flux<InboxItem> feed(String userId, @Nullable Long after, int capacity) {
        return Flux.defer(() -> of(userId).subscribe(after, capacity));
    }

    /** Ends every open feed (the gateway stops); clients resume with their last event id. */
    public void closeFeeds() {
        users.values().forEach(UserInbox::closeFeeds);
    }

    /** How many feeds are open. */
    public int feeds() {
        return users.values().stream().mapToInt(UserInbox::feeds).sum();
    }

    private UserInbox of(String userId) {
        return users.computeIfAbsent(userId, user -> new UserInbox());
    }

    private Optional<UserInbox> existing(String userId) {
        return Optional.ofNullable(users.get(userId));
    }

    private static @Nullable ThroughMark through(NotificationMark mark) {
        return mark.getThroughOffset() == null ? null : new ThroughMark(mark.getThroughOffset(), mark.getAt());
    }

    private static void skip(ReplicatedRecord<NotificationMark> record, String why) {
        log.warn("Skipping {} at notifications.marks-{}@{}", why, record.partition(), record.offset());
    }
}
