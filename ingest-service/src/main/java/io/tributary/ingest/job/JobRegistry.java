package io.tributary.ingest.job;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.tributary.ingest.limit.RefusalKind;
import org.jspecify.annotations.Nullable;

/**
 * The jobs this ingest instance runs right now, by jobId: what an abort command, a timeout, a lost
 * lease or a shutdown acts on. It is also where the concurrency limits hold: a job is admitted by
 * joining it and leaves it the moment it ends, for whatever reason, so its place is free again at
 * once. Once closed (shutdown) it admits nothing more.
 */
public final class JobRegistry {

    private final ConcurrentMap<String, IngestJob> jobs = new ConcurrentHashMap<>();
    /** Running jobs per user; guarded by {@code this}, like every change of {@link #jobs}. */
    private final Map<String, Integer> runningByUser = new HashMap<>();
    private final int maxPerUser;
    private final int maxPerInstance;
    private boolean closed;

    /** A registry without limits. */
    public JobRegistry() {
        this(Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    public JobRegistry(int maxPerUser, int maxPerInstance) {
        this.maxPerUser = maxPerUser;
        this.maxPerInstance = maxPerInstance;
    }

    /**
     * Admits the job if the limits allow it.
     *
     * @return null when admitted; otherwise why not
     */
    synchronized @Nullable RefusalKind tryAdd(IngestJob job) {
        if (closed) {
            return RefusalKind.NOT_READY;
        }
        if (jobs.size() >= maxPerInstance) {
            return RefusalKind.INSTANCE_CAPACITY;
        }
        String user = job.spec().userId();
        int ofUser = runningByUser.getOrDefault(user, 0);
        if (ofUser >= maxPerUser) {
            return RefusalKind.USER_CONCURRENCY;
        }
        if (jobs.putIfAbsent(job.jobId(), job) != null) {
            throw new IllegalStateException("Job " + job.jobId() + " is already running");
        }
        runningByUser.put(user, ofUser + 1);
        return null;
    }

    /** Adds the job whatever the limits (tests, and jobs of a registry without limits). */
    void add(IngestJob job) {
        RefusalKind refused = tryAdd(job);
        if (refused != null) {
            throw new IllegalStateException("Job " + job.jobId() + " was refused: " + refused);
        }
    }

    synchronized void remove(IngestJob job) {
        if (jobs.remove(job.jobId(), job)) {
            runningByUser.computeIfPresent(job.spec().userId(), (user, count) -> count == 1 ? null : count - 1);
        }
    }

    /** Admits jobs again after {@link #close}. */
    public synchronized void open() {
        closed = false;
    }

    /** Admits no job from now on; the jobs already running stay until they end. */
    public synchronized void close() {
        closed = true;
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

    /** How many jobs the user runs here now. */
    public synchronized int runningOf(String userId) {
        return runningByUser.getOrDefault(userId, 0);
    }
}
