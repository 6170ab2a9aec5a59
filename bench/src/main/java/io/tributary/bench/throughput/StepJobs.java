package io.tributary.bench.throughput;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.tributary.bench.JobStarts;
import io.tributary.bench.WriteTimes;
import io.tributary.bench.latency.ViewedJob;
import io.tributary.bench.sse.SseViewer;
import io.tributary.bench.sse.StreamRefusedException;
import io.tributary.bench.stack.BenchStack;
import io.tributary.simulator.SimulatedReply;
import reactor.core.Disposable;
import reactor.util.retry.Retry;

/**
 * Starts a step's jobs, {@value #PARALLEL_STARTS} at a time (one at a time, hundreds of starts would take
 * longer than a step), and watches each with one viewer from {@code Last-Event-ID: 0}, so that the viewer
 * gets every delta as a delta however late it attaches, checked as the latency workload checks it. Every
 * job has a user and a prompt of its own.
 */
final class StepJobs {

    private static final int PARALLEL_STARTS = 16;
    /**
     * A job is a 404 at the gateway until {@code jobs.state} has it (the processor's commit interval, 1 s);
     * a viewer asks again as a client would, for up to 10 s.
     */
    private static final int ATTACH_RETRIES = 100;
    private static final Duration ATTACH_RETRY_PAUSE = Duration.ofMillis(100);

    private final BenchStack stack;
    private final WriteTimes writeTimes;
    private final JobStarts starts;
    private final SseViewer viewer = new SseViewer();
    private final List<ThroughputJob> jobs = new ArrayList<>();
    private final List<Disposable> viewings = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final List<String> refusedStarts = new ArrayList<>();
    private CountDownLatch ended = new CountDownLatch(0);

    StepJobs(BenchStack stack, WriteTimes writeTimes) {
        this.stack = stack;
        this.writeTimes = writeTimes;
        this.starts = new JobStarts(stack);
    }

    /** Starts the step's jobs and their viewers; returns once every start has been answered. */
    void start(StepShape shape, String runId) throws InterruptedException {
        ended = new CountDownLatch(shape.jobs());
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_STARTS);
        try {
            List<Future<ThroughputJob>> started = new ArrayList<>();
            for (int i = 0; i < shape.jobs(); i++) {
                String user = "bench-" + runId + "-" + shape.index() + "-" + i;
                String prompt = "Throughput job " + i + " of step " + shape.index() + " of run " + runId;
                started.add(pool.submit(() -> startAndWatch(user, prompt, shape)));
            }
            for (Future<ThroughputJob> job : started) {
                try {
                    jobs.add(job.get());
                } catch (ExecutionException e) {
                    ended.countDown();
                    refusedStarts.add(String.valueOf(e.getCause()));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private ThroughputJob startAndWatch(String user, String prompt, StepShape shape) throws Exception {
        String body = JobStarts.requestBody(prompt, shape.chunksPerJob(), shape.intervalMs());
        List<String> deltas = SimulatedReply.forRequest(body).deltas();
        writeTimes.register(prompt, shape.chunksPerJob());
        String token = stack.token(user);
        long startedNanos = System.nanoTime();
        String jobId = starts.start(body, token);
        ChunkTimes times = new ChunkTimes(shape.chunksPerJob());
        ViewedJob view = new ViewedJob(prompt, deltas, 0, writeTimes, times, startedNanos);
        ThroughputJob job = new ThroughputJob(prompt, token, jobId, String.join("", deltas), view, times);
        Disposable viewing = viewer.watch(stack.gatewayUrl() + "/api/jobs/" + jobId + "/stream", token, "0",
                        view::opened, view::onEvent)
                .doOnError(StepJobs::notKnownYet, e -> view.attachRefused())
                .retryWhen(Retry.fixedDelay(ATTACH_RETRIES, ATTACH_RETRY_PAUSE).filter(StepJobs::notKnownYet))
                .doOnSuccess(done -> view.ended())
                .doOnError(e -> failed(prompt + ": the viewer failed: " + e))
                .doFinally(signal -> ended.countDown())
                .subscribe(done -> { }, e -> { });
        synchronized (viewings) {
            viewings.add(viewing);
        }
        return job;
    }

    /** The gateway knows a job once the processor has committed its first state: until then it is a 404. */
    private static boolean notKnownYet(Throwable e) {
        return e instanceof StreamRefusedException refused && refused.status() == 404;
    }

    private void failed(String failure) {
        synchronized (failures) {
            failures.add(failure);
        }
    }

    /**
     * Waits until every viewer's stream has ended, or the time is up; then closes the streams still open.
     *
     * @return the viewers whose stream had not ended
     */
    long awaitViewers(Duration timeout) throws InterruptedException {
        ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        long open = ended.getCount();
        synchronized (viewings) {
            viewings.forEach(Disposable::dispose);
        }
        return open;
    }

    /** The jobs that started, in order. */
    List<ThroughputJob> jobs() {
        return jobs;
    }

    /** Viewers that failed, and each viewer's correctness failures. */
    List<String> failures() {
        List<String> all;
        synchronized (failures) {
            all = new ArrayList<>(failures);
        }
        jobs.forEach(job -> all.addAll(job.view().failures()));
        return all;
    }

    /** Starts the ingest refused (or did not answer), with the reason. */
    List<String> refusedStarts() {
        return refusedStarts;
    }
}
