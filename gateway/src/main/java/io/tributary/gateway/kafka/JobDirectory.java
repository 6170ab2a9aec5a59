package io.tributary.gateway.kafka;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tributary.gateway.timeline.LoggedEvent;
import io.tributary.schema.JobState;
import io.tributary.schema.fold.JobFold;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

/**
 * The jobs this gateway's live tail has seen start: for each, the job as its {@code STARTED} event
 * makes it (owner, thread, message, model, mode) and where that event lies in the log. A timeline
 * opened from such an entry serves the job from the log alone, so a job can be attached, streamed,
 * aborted and given a stream token as soon as its start is on {@code jobs.deltas}, whether the
 * processor has folded it or not.
 *
 * <p>The tail hands over only records whose header says {@code STARTED} ({@link
 * io.tributary.schema.topic.JobEventHeaders}), so it decodes one record per job, never a delta. Entries
 * go after {@code retention} or, beyond {@code maxJobs}, the least recently used first; a job the
 * directory has dropped is still found on {@code jobs.state}.
 */
public final class JobDirectory {

    private final Cache<String, JobState> started;
    private final JobArrivals arrivals;

    public JobDirectory(Duration retention, long maxJobs, JobArrivals arrivals) {
        this.started = Caffeine.newBuilder().expireAfterWrite(retention).maximumSize(maxJobs).build();
        this.arrivals = arrivals;
    }

    /** The job as its start made it, if this gateway's tail has seen it start (and has not dropped it). */
    public Optional<JobState> get(String jobId) {
        return Optional.ofNullable(started.getIfPresent(jobId));
    }

    /** Takes a record that the tail found marked as a start; on the tail's thread. */
    void onStarted(ConsumerRecord<String, byte[]> record) {
        LoggedEvent started = record.key() == null ? null : LoggedEvent.decode(record);
        if (started != null) {
            remember(started);
        }
    }

    /**
     * Takes a job's {@code started} event found elsewhere on the log (a listing by time), so that the
     * job's other endpoints find it too, for the directory's retention.
     *
     * @return the job as its start makes it; null for an event that starts nothing
     */
    public @Nullable JobState remember(LoggedEvent started) {
        String jobId = started.event().getJobId();
        JobFold fold = JobFold.empty(jobId);
        fold.apply(started.event(), started.position());
        JobState state = fold.toState();
        if (state != null) {
            this.started.put(jobId, state);
            arrivals.arrived(jobId);
        }
        return state;
    }

    /** How many jobs the directory holds (an estimate, as the cache counts). */
    public long size() {
        return started.estimatedSize();
    }
}
