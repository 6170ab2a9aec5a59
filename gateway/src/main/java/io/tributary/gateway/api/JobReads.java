package io.tributary.gateway.api;

import io.tributary.gateway.audit.AccessRecords;
import io.tributary.gateway.audit.Auditors;
import io.tributary.schema.JobState;
import io.tributary.support.security.Users;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * Finds a job for one of the read endpoints an auditor may use (status, events, replay): a user gets
 * their own jobs only ({@link JobLookup#find}); an auditor gets anyone's, and each read of another
 * user's job, or of a job that does not exist, is recorded on {@code audit.access} before it is
 * answered ({@link AccessRecords}). An auditor's own jobs are theirs, not audited.
 */
final class JobReads {

    private final JobLookup jobs;
    private final Auditors auditors;
    private final AccessRecords records;

    JobReads(JobLookup jobs, Auditors auditors, AccessRecords records) {
        this.jobs = jobs;
        this.auditors = auditors;
        this.records = records;
    }

    /**
     * @param endpoint names the read in the access record
     */
    Mono<JobState> find(String jobId, Jwt token, String endpoint) {
        String caller = Users.of(token);
        if (!auditors.isAuditor(token)) {
            return jobs.find(jobId, caller);
        }
        return jobs.findAny(jobId)
                .flatMap(job -> caller.equals(job.getUserId()) ? Mono.just(job)
                        : records.record(caller, job.getUserId(), "job:" + jobId, endpoint, 200).thenReturn(job))
                .onErrorResume(ResponseStatusException.class, error -> error.getStatusCode() == HttpStatus.NOT_FOUND
                        ? records.record(caller, null, "job:" + jobId, endpoint, 404).then(Mono.error(error))
                        : Mono.error(error));
    }

    /**
     * Whether the caller may list the user's jobs: a user their own; an auditor anyone's, recorded.
     * Anyone else's asked for by a user is the same 404 as a job of theirs would be.
     */
    Mono<Void> mayList(String userId, Jwt token) {
        return mayRead(userId, token, "jobs-by-time");
    }

    /**
     * Whether the caller may read the user's data at {@code endpoint}: a user their own; an auditor
     * anyone's, recorded. Anyone else's asked for by a user is the same 404 as a job of theirs would be.
     */
    Mono<Void> mayRead(String userId, Jwt token, String endpoint) {
        String caller = Users.of(token);
        if (caller.equals(userId)) {
            return Mono.empty();
        }
        if (!auditors.isAuditor(token)) {
            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "Not found"));
        }
        return records.record(caller, userId, "user:" + userId, endpoint, 200);
    }

    /** Whether the caller may read every user's data at {@code endpoint} at once: auditors only, recorded. */
    Mono<Void> mayReadEveryone(Jwt token, String endpoint) {
        if (!auditors.isAuditor(token)) {
            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "Not found"));
        }
        return records.record(Users.of(token), null, "users:*", endpoint, 200);
    }
}
