package io.tributary.gateway.api;

import io.tributary.gateway.config.NotificationProperties;
import io.tributary.gateway.inbox.Inbox;
import io.tributary.gateway.timeline.Cursor;
import io.tributary.support.security.Users;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/notifications/stream}: an SSE feed of the caller's new notifications. With an event
 * id ({@code Last-Event-ID}, or {@code lastEventId}/{@code last_event_id} as the job stream takes it)
 * it first sends every visible notification newer than that id, then the new ones, without gap or
 * duplicate; without one, only the new ones. The cursor is checked before the stream starts (400); the
 * feed counts among the user's open streams ({@link StreamAdmission}, 429) and ends with its token
 * ({@link TokenExpiry}).
 */
@RestController
final class NotificationStreamController {

    private final ReadyView<Inbox> inbox;
    private final NotificationStreamResponses responses;
    private final int buffer;
    private final StreamAdmission admission;

    NotificationStreamController(ReadyView<Inbox> inbox, NotificationStreamResponses responses,
            NotificationProperties properties, StreamAdmission admission) {
        this.inbox = inbox;
        this.responses = responses;
        this.buffer = properties.streamBuffer();
        this.admission = admission;
    }

    @GetMapping("/api/notifications/stream")
    Mono<Void> stream(
            @RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventIdHeader,
            @RequestParam(required = false) @Nullable String lastEventId,
            @RequestParam(name = "last_event_id", required = false) @Nullable String lastEventIdSnake,
            @AuthenticationPrincipal Jwt token,
            ServerHttpResponse response) {
        // The job stream's rules, without its character offset, which means nothing to an inbox.
        Cursor cursor = Cursors.parse(lastEventIdHeader, lastEventId, lastEventIdSnake, null);
        Long after = cursor instanceof Cursor.AfterEvent event ? event.seq() : null;
        String userId = Users.of(token);
        return admission.admit(userId, response,
                () -> inbox.ready().flatMap(view -> responses.write(response, view.feed(userId, after, buffer), token)));
    }
}
