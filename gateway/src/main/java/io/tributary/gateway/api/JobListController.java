package io.tributary.gateway.api;

import java.util.Optional;

import io.tributary.gateway.sse.JobMessages;
import io.tributary.schema.JobStatus;
import io.tributary.support.security.Users;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/jobs[?status=streaming]}: the caller's jobs that {@code jobs.state} still holds
 * (finished jobs leave it after the processor's retention), newest first, each as the status object
 * without its content; with {@code status}, only the jobs in that status.
 */
@RestController
final class JobListController {

    private final JobLookup jobs;
    private final JobMessages messages;

    JobListController(JobLookup jobs, JobMessages messages) {
        this.jobs = jobs;
        this.messages = messages;
    }

    @GetMapping("/api/jobs")
    Mono<ResponseEntity<byte[]>> list(@RequestParam(required = false) @Nullable String status,
            @AuthenticationPrincipal Jwt token) {
        Optional<JobStatus> wanted = StatusFilter.parse(status);
        return jobs.ofUser(Users.of(token))
                .map(all -> all.stream().filter(job -> wanted.isEmpty() || job.getStatus() == wanted.get()).toList())
                .map(listed -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                        .body(messages.summariesJson(listed)));
    }
}
