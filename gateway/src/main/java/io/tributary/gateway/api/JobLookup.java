package io.tributary.gateway.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import io.tributary.gateway.kafka.JobArrivals;
import io.tributary.gateway.kafka.JobDirectory;
import io.tributary.gateway.kafka.JobStateView;
import io.tributary.gateway.timeline.JobTimeline;
import io.tributary.gateway.timeline.TimelineRegistry;
import io.tributary.gateway.timeline.TimelineUnavailableException;
import io.tributary.schema.JobState;
import io.tributary.schema.JobStatus;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * Finds a user's jobs. Two sources know them: the {@link JobDirectory} of jobs whose start this
 * gateway's live tail has read (at once, with no processor in between), and the {@link JobStateView}
 * of {@code jobs.state} (every job the processor has folded, also those that started before this
 * gateway did); {@link #seed} says which one a job's timeline starts from. A job neither
 * knows yet is waited for a moment, since a client may ask right after the ingest answered with its id.
 * When neither knows it and the view has not read what the topic held at start-up, a missing job
 * proves nothing, so the answer is a 503.
 *
 * <p>Another user's job is not found, exactly like a job that does not exist: the same 404 with the
 * same body, and after the same wait. A missing job is answered only once the attach wait is over, so
 * a foreign one, which a source holds at once, is held back until the same moment; otherwise the time
 * of a 404 would tell a prober which job ids exist. Every endpoint that takes a job id (status, stream,
 * abort, stream token) looks it up here, and the id's format is checked here too ({@link PathIds}).
 */
final class JobLookup {

    private static final String NOT_FOUND = "Job not found";

    private final JobStateView view;
    private final JobDirectory directory;
    private final JobArrivals arrivals;
    private final TimelineRegistry timelines;
    private final Duration attachWait;
    private final Clock clock;

    JobLookup(JobStateView view, JobDirectory directory, JobArrivals arrivals, TimelineRegistry timelines,
            Duration attachWait, Clock clock) {
        this.view = view;
        this.directory = directory;
        this.arrivals = arrivals;
        this.timelines = timelines;
        this.attachWait = attachWait;
        this.clock = clock;
    }

    /** The user's job as its timeline would start from it: enough to open its stream, not its latest content. */
    Mono<JobState> find(String jobId, String userId) {
        return Mono.defer(() -> {
            String checkedId = PathIds.job(jobId);
            Instant missingAnswersAt = clock.instant().plus(attachWait);
            return arrivals.await(checkedId, attachWait, this::seed)
                    .switchIfEmpty(Mono.defer(this::missingOrNotReady))
                    .flatMap(state -> userId.equals(state.getUserId())
                            ? Mono.just(state)
                            : Mono.delay(untilNotEarlierThan(missingAnswersAt)).then(Mono.<JobState>empty()))
                    .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, NOT_FOUND)));
        });
    }

    /**
     * Any user's job, for an auditor ({@link JobReads}): found as {@link #find} finds it, without the
     * owner's check; a 404 when no source knows it after the wait.
     */
    Mono<JobState> findAny(String jobId) {
        return Mono.defer(() -> arrivals.await(PathIds.job(jobId), attachWait, this::seed)
                .switchIfEmpty(Mono.defer(this::missingOrNotReady))
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, NOT_FOUND))));
    }

    /**
     * The user's job from the freshest source: a finished job as found (final); a streaming one from its
     * {@link JobTimeline}, current to the last event on the log, when this gateway holds one (a viewer's,
     * or one kept for the eviction grace) or when {@code jobs.state} does not have the job yet (the
     * processor behind or away: the timeline is then opened, one catch-up read, and kept for the grace);
     * otherwise from {@code jobs.state}, at most its publish and commit intervals behind. Opening a
     * timeline for every status would make each one follow and render its job for nobody (measured: the
     * bench's status polls slowed the whole machine). Should the log not be readable, the job is answered
     * as found.
     */
    Mono<JobState> findCurrent(String jobId, String userId) {
        return find(jobId, userId).flatMap(this::current);
    }

    /** The found job from the freshest source, as {@link #findCurrent} says. */
    Mono<JobState> current(JobState found) {
        return Mono.defer(() -> {
            boolean folded = view.get(found.getJobId()).isPresent();
            if (found.getStatus() != JobStatus.STREAMING || folded && !timelines.isOpen(found.getJobId())) {
                return Mono.just(found);
            }
            return timelines.using(found, JobTimeline::current)
                    .onErrorResume(TimelineUnavailableException.class, e -> Mono.just(found));
        });
    }

    /** The user's jobs on {@code jobs.state}, newest first. */
    Mono<List<JobState>> ofUser(String userId) {
        return whenReady(() -> Mono.fromSupplier(() -> view.ofUser(userId)));
    }

    /**
     * What a job's timeline starts from: the job's state on {@code jobs.state} when the processor has
     * folded it (the later snapshot, so the shorter read to join it to the tail), else its start as the
     * directory holds it. (Starting streaming jobs from the directory instead, so that a timeline holds
     * the whole job, made every first status of a job read it from its start: measured slower.)
     */
    private @Nullable JobState seed(String jobId) {
        return view.get(jobId).or(() -> directory.get(jobId)).orElse(null);
    }

    /** Empty (a 404) once the view has read the topic as it was at start-up; a 503 if it cannot in time. */
    private Mono<JobState> missingOrNotReady() {
        return whenReady(Mono::empty);
    }

    private Duration untilNotEarlierThan(Instant moment) {
        Duration left = Duration.between(clock.instant(), moment);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private <T> Mono<T> whenReady(Supplier<Mono<T>> lookup) {
        return view.awaitReady(attachWait)
                .flatMap(ready -> ready
                        ? lookup.get()
                        : Mono.error(new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                                "The gateway is still reading the job states")));
    }
}
