package io.tributary.gateway.api;

import io.tributary.gateway.inbox.Inbox;
import io.tributary.gateway.sse.NotificationMessages;
import io.tributary.support.security.Users;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The caller's inbox: {@code GET /api/notifications?limit=&before=} (newest first, paged by event id),
 * {@code GET /api/notifications/unread-count}, {@code POST /api/notifications/{id}/read} (204; 404 for
 * an unknown or another user's notification, at once for both; 400 for an id that breaks {@link PathIds}),
 * {@code POST /api/notifications/read-all} and
 * {@code DELETE /api/notifications} (clear). Every answer comes from this gateway's replica of the
 * inbox topics, and a mark is answered only once the replica has read it back.
 */
@RestController
final class NotificationController {

    private final ReadyView<Inbox> inbox;
    private final NotificationMarks marks;
    private final NotificationMessages messages;

    NotificationController(ReadyView<Inbox> inbox, NotificationMarks marks, NotificationMessages messages) {
        this.inbox = inbox;
        this.marks = marks;
        this.messages = messages;
    }

    @GetMapping("/api/notifications")
    Mono<ResponseEntity<byte[]>> list(@RequestParam(required = false) @Nullable String limit,
            @RequestParam(required = false) @Nullable String before, @AuthenticationPrincipal Jwt token) {
        InboxPaging paging = InboxPaging.parse(limit, before);
        String userId = Users.of(token);
        return inbox.ready()
                .map(view -> view.page(userId, paging.before(), paging.limit()))
                .map(page -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(messages.page(page)));
    }

    @GetMapping("/api/notifications/unread-count")
    Mono<Answers.UnreadCount> unreadCount(@AuthenticationPrincipal Jwt token) {
        String userId = Users.of(token);
        return inbox.ready().map(view -> new Answers.UnreadCount(view.unreadCount(userId)));
    }

    @PostMapping("/api/notifications/{id}/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> read(@PathVariable String id, @AuthenticationPrincipal Jwt token) {
        String notificationId = PathIds.notification(id);
        String userId = Users.of(token);
        return inbox.ready().flatMap(view -> marks.read(userId, notificationId));
    }

    @PostMapping("/api/notifications/read-all")
    Mono<Answers.UnreadCount> readAll(@AuthenticationPrincipal Jwt token) {
        String userId = Users.of(token);
        return inbox.ready().flatMap(view -> marks.readAll(userId)).map(Answers.UnreadCount::new);
    }

    @DeleteMapping("/api/notifications")
    Mono<Answers.Cleared> clear(@AuthenticationPrincipal Jwt token) {
        String userId = Users.of(token);
        return inbox.ready().flatMap(view -> marks.clear(userId)).map(Answers.Cleared::new);
    }
}
