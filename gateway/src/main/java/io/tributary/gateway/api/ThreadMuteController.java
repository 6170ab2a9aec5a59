package io.tributary.gateway.api;

import io.tributary.gateway.prefs.ThreadPreferences;
import io.tributary.support.security.Users;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * {@code PUT /api/threads/{threadId}/mute} with {@code {"muted": true|false}}, answered once the
 * preference is on {@code threads.prefs} and read back; {@code GET} of the same path answers the
 * caller's current setting ({@code muted: false} when none is stored). A thread id is the caller's
 * own: the preference is keyed by user and thread, so no user sees or changes another's.
 */
@RestController
final class ThreadMuteController {

    private final ReadyView<ThreadPreferences> preferences;
    private final ThreadMutes mutes;

    ThreadMuteController(ReadyView<ThreadPreferences> preferences, ThreadMutes mutes) {
        this.preferences = preferences;
        this.mutes = mutes;
    }

    @PutMapping("/api/threads/{threadId}/mute")
    Mono<Answers.ThreadMute> mute(@PathVariable String threadId, @RequestBody(required = false) @Nullable JsonNode body,
            @AuthenticationPrincipal Jwt token) {
        String thread = PathIds.thread(threadId);
        boolean muted = MuteRequests.muted(body);
        String userId = Users.of(token);
        return preferences.ready()
                .flatMap(view -> mutes.set(userId, thread, muted))
                .map(saved -> new Answers.ThreadMute(thread, saved));
    }

    @GetMapping("/api/threads/{threadId}/mute")
    Mono<Answers.ThreadMute> muted(@PathVariable String threadId, @AuthenticationPrincipal Jwt token) {
        String thread = PathIds.thread(threadId);
        String userId = Users.of(token);
        return preferences.ready().map(view -> new Answers.ThreadMute(thread, view.isMuted(userId, thread)));
    }
}
