package io.tributary.gateway.streams;

import java.util.List;

import io.tributary.schema.JobState;
import org.springframework.security.oauth2.jwt.Jwt;
import reactor.core.publisher.Mono;

/**
 * A job's events as a read-only stream sees them, under the job API's tenancy (a user their own jobs,
 * an auditor anyone's, recorded). Positions are the events' seqs plus one: position 0 is before the
 * first event ({@code started}, seq 0).
 */
public interface JobEventSource {

    /**
     * The job, if the caller may read it: checked (and an auditor's read recorded) once per request;
     * fails with a 404 {@code ResponseStatusException} for a job the caller may not read or that does
     * not exist.
     */
    Mono<JobState> find(String jobId, Jwt token);

    /** The job's events after {@code after}, each one JSON message. */
    Mono<Events> read(JobState job, long after);

    /** Completes once the job has an event after {@code after}, or at once if it has ended. */
    Mono<Void> next(JobState job, long after);

    /**
     * @param messages the events read, each compact JSON
     * @param next the position after the last event read (the offset to read after next)
     * @param ended whether the job's terminal event is among its events so far
     */
    record Events(List<byte[]> messages, long next, boolean ended) {
    }
}
