package io.tributary.gateway.api;

import io.tributary.support.security.Users;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/jobs/{id}/abort}: {@code {"aborted": true}} once the ABORT command is acknowledged
 * on {@code jobs.control}; {@code {"aborted": false, "message": ...}} for a job that is no longer
 * streaming; 404 for an unknown or another user's job (after the same wait as the status endpoint,
 * for a job whose state is not published yet); 503 when Kafka does not take the command.
 */
@RestController
final class JobAbortController {

    private final JobLookup jobs;
    private final JobAborts aborts;

    JobAbortController(JobLookup jobs, JobAborts aborts) {
        this.jobs = jobs;
        this.aborts = aborts;
    }

    @PostMapping("/api/jobs/{id}/abort")
    Mono<AbortAnswer> abort(@PathVariable String id, @AuthenticationPrincipal Jwt token) {
        String userId = Users.of(token);
        return jobs.findCurrent(id, userId).flatMap(job -> aborts.abort(job, userId));
    }
}
