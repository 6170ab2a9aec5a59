package io.tributary.gateway.api;

import java.time.Clock;
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
 *
 * <p>With {@code from} (and {@code to}, {@code limit}, {@code cursor}): the caller's jobs that started in
 * that window, found on {@code jobs.deltas} itself, which keeps them for days ({@link JobListings}),
 * a page at a time; an auditor may list any user's with {@code user=} (recorded, {@link JobReads}).
 */
@RestController
final class JobListController {

    private final JobLookup jobs;
    private final JobMessages messages;
    private final JobListings listings;
    private final JobReads reads;
    private final Clock clock;

    JobListController(JobLookup jobs, JobMessages messages, JobListings listings, JobReads reads, Clock clock) {
        this.jobs = jobs;
        this.reads = reads;
        this.messages = messages;
        this.listings = listings;
        this.clock = clock;
    }

    @GetMapping("/api/jobs")
    Mono<ResponseEntity<?>> list(@RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String limit,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable String user,
            @AuthenticationPrincipal Jwt token) {
        Optional<JobStatus> wanted = StatusFilter.parse(status);
        if (from != null || to != null || cursor != null || limit != null || user != null) {
            TimeWindow window = TimeWindow.parse(from, to, limit, cursor, clock.instant());
            String listed = user == null ? Users.of(token) : PathIds.user(user);
            return reads.mayList(listed, token)
                    .then(listings.byTime(listed, window, wanted))
                    .map(page -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(page));
        }
        return jobs.ofUser(Users.of(token))
                .map(all -> all.stream().filter(job -> wanted.isEmpty() || job.getStatus() == wanted.get()).toList())
                .map(listed -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                        .body(messages.summariesJson(listed)));
    }
}
