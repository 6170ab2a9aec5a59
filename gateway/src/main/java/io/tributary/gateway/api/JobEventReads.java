package io.tributary.gateway.api;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.tributary.gateway.kafka.LiveTail;
import io.tributary.gateway.timeline.HistoryReads;
import io.tributary.gateway.timeline.LoggedEvent;
import io.tributary.schema.JobEventType;
import io.tributary.schema.JobState;
import io.tributary.schema.JobStatus;
import io.tributary.schema.LogPosition;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A job's events as they lie on {@code jobs.deltas} now: read from the job's first record up to the
 * live tail's position in its partition, by the gateway's catch-up readers (a bounded pool, so a burst of
 * such reads queues instead of taking more connections). Reading from the log rather than from a
 * timeline is what gives each event its offset and makes the answer the log's, whoever folded it.
 */
final class JobEventReads {

    private static final Set<JobEventType> TERMINAL = EnumSet.of(JobEventType.COMPLETED, JobEventType.FAILED,
            JobEventType.ABORTED);

    private final LiveTail tail;
    private final HistoryReads history;

    JobEventReads(LiveTail tail, HistoryReads history) {
        this.tail = tail;
        this.history = history;
    }

    /** Whether the job's terminal event is among the events. */
    static boolean ended(List<LoggedEvent> events) {
        return events.stream().anyMatch(event -> TERMINAL.contains(event.event().getType()));
    }

    Mono<List<LoggedEvent>> of(JobState job) {
        return Mono.defer(() -> {
            LogPosition first = job.getFirstPosition();
            int partition = first.getPartition();
            long until = until(job, partition);
            return Mono.fromFuture(() -> history.read(job.getJobId(), partition, first.getOffset(), until));
        })
                // Rendering a page or a replay is not for the catch-up reader's thread.
                .publishOn(Schedulers.parallel())
                .onErrorMap(error -> !(error instanceof ResponseStatusException),
                        error -> new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                                "The events of job " + job.getJobId() + " cannot be read right now; retry"));
    }

    /**
     * Where the read stops: a job {@code jobs.state} holds as ended ends at its terminal event; any other
     * is read up to the tail's position (never short of what its own state has seen: the tail starts at
     * the end after a restart).
     */
    private long until(JobState job, int partition) {
        long afterLast = job.getLastPosition().getOffset() + 1;
        return job.getStatus() == JobStatus.STREAMING ? Math.max(tail.position(partition), afterLast) : afterLast;
    }
}
