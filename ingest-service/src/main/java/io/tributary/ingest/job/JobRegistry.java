package io.tributary.ingest.job;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The jobs this ingest instance runs right now, by jobId: what an abort command, a timeout or a
 * shutdown acts on. A job leaves it the moment it ends.
 */
public final class JobRegistry {

    private final ConcurrentMap<String, IngestJob> jobs = new ConcurrentHashMap<>();

    void add(IngestJob job) {
        if (jobs.putIfAbsent(job.jobId(), job) != null) {
            throw new IllegalStateException("Job " + job.jobId() + " is already running");
        }
    }

    void remove(IngestJob job) {
        jobs.remove(job.jobId(), job);
    }

    public Optional<IngestJob> find(String jobId) {
        return Optional.ofNullable(jobs.get(jobId));
    }

    /** A snapshot of the running jobs. */
    public Collection<IngestJob> running() {
        return List.copyOf(jobs.values());
    }

    public int size() {
        return jobs.size();
    }
}
