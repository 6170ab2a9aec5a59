package io.tributary.ingest.job;

import io.tributary.ingest.upstream.UpstreamClient;
import io.tributary.ingest.upstream.UpstreamRequest;
import io.tributary.ingest.upstream.UpstreamResponse;
import io.tributary.ingest.upstream.UpstreamRetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Connects a job to its upstream stream. Every pipeline takes from the upstream only until the job
 * says stop, and hands the bytes to the job on the job scheduler: parsing and producing (which may
 * block briefly on the Kafka client) never run on an I/O thread, and each job's bytes are handled
 * one piece at a time, in order.
 *
 * <p>Each piece is its own task on the scheduler, and the next piece is read only once it is done.
 * So a job whose upstream floods it takes its turn with the others on a shared worker, instead of
 * holding that worker as long as bytes keep coming (a {@code publishOn} drains its queue before
 * it lets go), and it holds at most one piece in memory while TCP slows the upstream down.
 *
 * <p>The request is sent again, within {@link UpstreamRetry}'s policy, while the upstream refuses
 * it before streaming; in both modes, because until the upstream answers nothing has been written
 * to the job nor sent to a foreground caller. A job stopped meanwhile (abort, timeout) stops retrying.
 */
public final class JobRunner {

    /** The abort reason when a foreground caller goes away. */
    public static final String CLIENT_DISCONNECTED = "client disconnected";

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    private final UpstreamClient upstream;
    private final UpstreamRetry retry;
    private final JobMetrics metrics;
    private final Scheduler scheduler;

    public JobRunner(UpstreamClient upstream, UpstreamRetry retry, JobMetrics metrics, Scheduler scheduler) {
        this.upstream = upstream;
        this.retry = retry;
        this.metrics = metrics;
        this.scheduler = scheduler;
    }

    /** Streams the upstream answer into the job, detached from any caller, until the job ends. */
    void runInBackground(IngestJob job, UpstreamRequest request) {
        open(job, request)
                .publishOn(scheduler)
                .flatMapMany(response -> bodyOf(job, response))
                .takeUntilOther(job.stopped())
                .concatMapDelayError(bytes -> feed(job, bytes), false, 1)
                .then()
                .publishOn(scheduler)
                .subscribe(null, job::onUpstreamError, job::onUpstreamEnd);
    }

    /**
     * Feeds one piece of the body to the job, as a task of its own on the job scheduler.
     * {@code concatMapDelayError} (boundary mode) runs these one after the other and lets an upstream
     * error through only after the piece in hand is done.
     */
    private Mono<byte[]> feed(IngestJob job, byte[] bytes) {
        return Mono.fromCallable(() -> {
            job.onUpstreamBytes(bytes);
            return bytes;
        }).subscribeOn(scheduler);
    }

    /** Runs on the job scheduler, after every piece fed before it. */
    private Mono<byte[]> onScheduler(Runnable work) {
        return Mono.<byte[]>fromRunnable(work).subscribeOn(scheduler);
    }

    /** The bytes to feed the job: the stream's body, or none after a refusal (which ends the job). */
    private static Flux<byte[]> bodyOf(IngestJob job, UpstreamResponse response) {
        if (response instanceof UpstreamResponse.Streaming streaming) {
            return streaming.body();
        }
        job.onUpstreamRejected((UpstreamResponse.Rejected) response);
        return Flux.empty();
    }

    /**
     * Sends a foreground job's request upstream. A refusal or an unreachable upstream ends the job
     * here; the caller answers with what the upstream said, or with its own error. Empty when the job
     * was stopped before the upstream answered.
     */
    public Mono<UpstreamResponse> openForeground(IngestJob job, UpstreamRequest request) {
        return open(job, request)
                .takeUntilOther(job.stopped())
                .publishOn(scheduler)
                .doOnNext(response -> {
                    if (response instanceof UpstreamResponse.Rejected rejected) {
                        job.onUpstreamRejected(rejected);
                    }
                })
                .doOnError(job::onUpstreamError);
    }

    /**
     * The upstream body of a foreground job, to be written to the caller: each chunk goes into the
     * job before it goes on, unchanged. Cancelling it (the caller went away) aborts the job.
     */
    public Flux<byte[]> relay(IngestJob job, Flux<byte[]> body) {
        return body
                .takeUntilOther(job.stopped())
                .concatMapDelayError(bytes -> feed(job, bytes), false, 1)
                .concatWith(onScheduler(job::onUpstreamEnd))
                .onErrorResume(error -> onScheduler(() -> job.onUpstreamError(error)).concatWith(Mono.error(error)))
                .doOnCancel(() -> job.abort(AbortSource.CALLER_DISCONNECTED, CLIENT_DISCONNECTED));
    }

    private Mono<UpstreamResponse> open(IngestJob job, UpstreamRequest request) {
        return retry.withRetries(upstream.open(request), (cause, attempt, delay) -> {
            log.info("Job {}: the upstream refused ({}) before streaming; attempt {} in {} ms", job.jobId(), cause,
                    attempt, delay.toMillis());
            metrics.upstreamRetried(cause);
        });
    }
}
