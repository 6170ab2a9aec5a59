package io.tributary.gateway.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import io.tributary.gateway.kafka.JobStateView;
import io.tributary.schema.JobState;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * Finds a user's jobs in the gateway's view of {@code jobs.state}. A job the view does not hold yet is
 * waited for a moment, since a client may ask right after the ingest answered with its id. Until the
 * view has read what the topic held at start-up, a missing job proves nothing, so the answer is a 503.
 *
 * <p>Another user's job is not found, exactly like a job that does not exist: the same 404 with the
 * same body, and after the same wait. A missing job is answered only once the attach wait is over, so
 * a foreign one, which the view holds at once, is held back until the same moment; otherwise the time
 * of a 404 would tell a prober which job ids exist. Every endpoint that takes a job id (status, stream,
 * abort, stream token) looks it up here, and the id's format is checked here too ({@link PathIds}).
 */
final class JobLookup {

    private static final String NOT_FOUND = "Job not found";

    private final JobStateView view;
    private final Duration attachWait;
    private final Clock clock;

    JobLookup(JobStateView view, Duration attachWait, Clock clock) {
        this.view = view;
        this.attachWait = attachWait;
        this.clock = clock;
    }

    Mono<JobState> find(String jobId, String userId) {
        return Mono.defer(() -> {
            String checkedId = PathIds.job(jobId);
            Instant missingAnswersAt = clock.instant().plus(attachWait);
            return whenReady(() -> view.await(checkedId, attachWait))
                    .flatMap(state -> userId.equals(state.getUserId())
                            ? Mono.just(state)
                            : Mono.delay(untilNotEarlierThan(missingAnswersAt)).then(Mono.<JobState>empty()))
                    .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, NOT_FOUND)));
        });
    }

    /** The user's jobs, newest first. */
    Mono<List<JobState>> ofUser(String userId) {
        return whenReady(() -> Mono.fromSupplier(() -> view.ofUser(userId)));
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
