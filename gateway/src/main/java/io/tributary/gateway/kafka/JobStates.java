package io.tributary.gateway.kafka;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.tributary.schema.JobState;
import org.jspecify.annotations.Nullable;

/**
 * The latest state of every job, and which jobs each user has, so that listing a user's jobs costs
 * what that user has and not a scan of every job. One thread writes (the view's reader); any thread
 * reads. A reader may briefly see a job in one map and not yet in the other; it then skips it, which
 * is no worse than reading a moment earlier.
 */
final class JobStates {

    /** Newest first; the id breaks ties so that the order is stable. */
    static final Comparator<JobState> NEWEST_FIRST = Comparator.comparing(JobState::getStartedAt).reversed()
            .thenComparing(JobState::getJobId);

    private final Map<String, JobState> jobs = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> jobIdsByUser = new ConcurrentHashMap<>();

    @Nullable JobState get(String jobId) {
        return jobs.get(jobId);
    }

    void put(JobState state) {
        JobState previous = jobs.put(state.getJobId(), state);
        if (previous != null && !previous.getUserId().equals(state.getUserId())) {
            // A job never changes hands; should a state say otherwise, the index follows the latest one.
            unindex(previous);
        }
        jobIdsByUser.compute(state.getUserId(), (user, ids) -> {
            Set<String> held = ids == null ? ConcurrentHashMap.newKeySet() : ids;
            held.add(state.getJobId());
            return held;
        });
    }

    /** Forgets the job (a tombstone on {@code jobs.state}). */
    void remove(String jobId) {
        JobState previous = jobs.remove(jobId);
        if (previous != null) {
            unindex(previous);
        }
    }

    private void unindex(JobState state) {
        jobIdsByUser.computeIfPresent(state.getUserId(), (user, ids) -> {
            ids.remove(state.getJobId());
            return ids.isEmpty() ? null : ids;
        });
    }

    /** The user's jobs, newest first. */
    List<JobState> ofUser(String userId) {
        Set<String> ids = jobIdsByUser.get(userId);
        if (ids == null) {
            return List.of();
        }
        return ids.stream()
                .map(jobs::get)
                .filter(Objects::nonNull)
                .filter(state -> userId.equals(state.getUserId()))
                .sorted(NEWEST_FIRST)
                .toList();
    }

    int size() {
        return jobs.size();
    }

    /** How many users have at least one job; for tests of the index. */
    int users() {
        return jobIdsByUser.size();
    }
}
