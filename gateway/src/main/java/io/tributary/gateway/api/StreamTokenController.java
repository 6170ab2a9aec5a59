package io.tributary.gateway.api;

import io.tributary.gateway.security.IssuedStreamToken;
import io.tributary.gateway.security.StreamScope;
import io.tributary.gateway.security.StreamTokens;
import io.tributary.support.security.Users;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/jobs/{id}/stream-token} and {@code POST /api/notifications/stream-token}: a short-lived
 * token that opens that one stream from a browser's {@code EventSource}, which cannot send the bearer
 * header. They take the bearer header (a stream token never obtains another), and the job's is issued only
 * for the caller's own job: a missing or foreign job is the same 404 as everywhere else.
 */
@RestController
final class StreamTokenController {

    private final JobLookup jobs;
    private final StreamTokens tokens;

    StreamTokenController(JobLookup jobs, StreamTokens tokens) {
        this.jobs = jobs;
        this.tokens = tokens;
    }

    @PostMapping("/api/jobs/{id}/stream-token")
    Mono<StreamTokenAnswer> forJob(@PathVariable String id, @AuthenticationPrincipal Jwt bearer) {
        String userId = Users.of(bearer);
        return jobs.find(id, userId).map(state -> answer(bearer, userId, new StreamScope.Job(state.getJobId())));
    }

    @PostMapping("/api/notifications/stream-token")
    StreamTokenAnswer forNotifications(@AuthenticationPrincipal Jwt bearer) {
        return answer(bearer, Users.of(bearer), new StreamScope.Notifications());
    }

    private StreamTokenAnswer answer(Jwt bearer, String userId, StreamScope scope) {
        IssuedStreamToken issued = tokens.issue(userId, scope, bearer.getExpiresAt());
        return new StreamTokenAnswer(issued.token(), issued.expiresAt().toString(),
                scope.streamPath() + "?" + StreamTokens.QUERY_PARAMETER + "=" + issued.token());
    }
}
