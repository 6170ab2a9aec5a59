package io.tributary.gateway.api;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.OptionalLong;

import io.tributary.gateway.config.NotificationMetrics;
import io.tributary.gateway.inbox.Inbox;
import io.tributary.gateway.kafka.ReadBackWriter;
import io.tributary.schema.MarkKind;
import io.tributary.schema.NotificationMark;
import io.tributary.schema.topic.RecordKeys;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * Decides the marks a user's inbox request makes and writes them to {@code notifications.marks}. The
 * answer waits until this gateway's replica has read the mark back, so it already shows the mark, as
 * does every other gateway once it has read it: no gateway keeps a mark only in its memory.
 *
 * <p>ALL_READ and CLEARED carry the offset of the newest notification of the user this gateway holds
 * at the moment of the request: a notification that arrives later is not covered, so it stays unread
 * (or visible). Nothing to mark writes nothing.
 */
final class NotificationMarks {

    /** The scopes of the user-wide marks in their keys ({@link RecordKeys#mark}); READ marks use the notification id. */
    static final String ALL_READ_SCOPE = "all-read";
    static final String CLEARED_SCOPE = "cleared";

    private static final Logger log = LoggerFactory.getLogger(NotificationMarks.class);

    private final Inbox inbox;
    private final ReadBackWriter<NotificationMark> writer;
    private final Clock clock;
    private final NotificationMetrics metrics;

    NotificationMarks(Inbox inbox, ReadBackWriter<NotificationMark> writer, Clock clock, NotificationMetrics metrics) {
        this.inbox = inbox;
        this.writer = writer;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Marks the user's notification read; a 404 if the user has no such visible notification. */
    Mono<Void> read(String userId, String notificationId) {
        if (inbox.find(userId, notificationId).isEmpty()) {
            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "Notification not found"));
        }
        return write(RecordKeys.mark(userId, notificationId), mark(userId, MarkKind.READ, notificationId, null));
    }

    /** Marks every notification the user has so far read; completes with the unread count after it. */
    Mono<Integer> readAll(String userId) {
        OptionalLong through = inbox.allReadThroughNow(userId);
        if (through.isEmpty() || inbox.unreadCount(userId) == 0) {
            return Mono.fromSupplier(() -> inbox.unreadCount(userId));
        }
        return write(RecordKeys.mark(userId, ALL_READ_SCOPE),
                mark(userId, MarkKind.ALL_READ, null, through.getAsLong()))
                .then(Mono.fromSupplier(() -> inbox.unreadCount(userId)));
    }

    /** Hides every notification the user has so far; completes with how many it hid. */
    Mono<Integer> clear(String userId) {
        OptionalLong through = inbox.clearThroughNow(userId);
        int hidden = through.isEmpty() ? 0 : inbox.visibleCount(userId, through.getAsLong());
        if (hidden == 0) {
            return Mono.just(0);
        }
        return write(RecordKeys.mark(userId, CLEARED_SCOPE), mark(userId, MarkKind.CLEARED, null, through.getAsLong()))
                .thenReturn(hidden);
    }

    private Mono<Void> write(String key, NotificationMark mark) {
        return writer.write(key, mark)
                .doOnSuccess(written -> metrics.markWritten(mark.getKind()))
                .onErrorMap(error -> {
                    log.warn("Inbox mark {} of user {} could not be written and read back", mark.getKind(),
                            mark.getUserId(), error);
                    return new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                            "The inbox could not be updated right now; retry");
                })
                .then();
    }

    private NotificationMark mark(String userId, MarkKind kind, @Nullable String notificationId,
            @Nullable Long throughOffset) {
        return NotificationMark.newBuilder()
                .setUserId(userId)
                .setKind(kind)
                .setNotificationId(notificationId)
                .setThroughOffset(throughOffset)
                // The topic keeps milliseconds; truncating here makes readAt equal on every gateway.
                .setAt(Instant.now(clock).truncatedTo(ChronoUnit.MILLIS))
                .build();
    }
}
