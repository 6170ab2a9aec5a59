package io.tributary.gateway.api;

import io.tributary.gateway.sse.JobMessages;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/jobs/{id}/status[?offset=N]}: the job from the freshest source this gateway has
 * ({@link JobLookup#findCurrent}): its timeline, current to the last event on {@code jobs.deltas}, when
 * one is open or {@code jobs.state} lacks the job; {@code jobs.state} otherwise. An auditor may ask for
 * any user's job ({@link JobReads}).
 */
@RestController
final class JobStatusController {

    private final JobLookup jobs;
    private final JobReads reads;
    private final JobMessages messages;

    JobStatusController(JobLookup jobs, JobReads reads, JobMessages messages) {
        this.jobs = jobs;
        this.reads = reads;
        this.messages = messages;
    }

    @GetMapping("/api/jobs/{id}/status")
    Mono<ResponseEntity<byte[]>> status(@PathVariable String id,
            @RequestParam(required = false) @Nullable String offset, @AuthenticationPrincipal Jwt token) {
        long characters = Cursors.offset(offset);
        return reads.find(id, token, "status").flatMap(jobs::current)
                .map(state -> characters < 0 ? messages.statusJson(state) : messages.statusJson(state, characters))
                .map(json -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json));
    }
}
