package io.tributary.gateway.api;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import io.tributary.gateway.kafka.JobStateView;
import io.tributary.schema.JobState;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * Finds a user's jobs in the gateway's view of {@code jobs.state}. A job the view does not hold yet is
 * waited for a moment, since a client may ask right after the ingest answered with its id; another
 * user's job is not found, exactly like a job that does not exist. Until the view has read what the
 * topic held at start-up, a missing job proves nothing, so the answer is a 503.
 */
final class JobLookup {

    private final JobStateView view;
    private final Duration attachWait;

    JobLookup(JobStateView view, Duration attachWait) {
        this.view = view;
        this.attachWait = attachWait;
    }

    Mono<JobState> find(String jobId, String userId) {
        return whenReady(() -> view.await(jobId, attachWait))
                .filter(state -> userId.equals(state.getUserId()))
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Job not found")));
    }

    /** The user's jobs, newest first. */
    Mono<List<JobState>> ofUser(String userId) {
        return whenReady(() -> Mono.fromSupplier(() -> view.ofUser(userId)));
    }

    private <T> Mono<T> whenReady(Supplier<Mono<T>> lookup) {
        return view.awaitReady(attachWait)
                .flatMap(ready -> ready
                        ? lookup.get()
                        : Mono.error(new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                                "The gateway is still reading the job states")));
    }
}
