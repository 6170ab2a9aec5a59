package io.tributary.bench.latency;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.tributary.bench.BenchOptions;
import io.tributary.bench.BenchRun;
import io.tributary.bench.JobStarts;
import io.tributary.bench.Percentiles;
import io.tributary.bench.Workload;
import io.tributary.bench.WriteTimes;
import io.tributary.bench.metrics.HopHistogram;
import io.tributary.bench.metrics.PipelineHops;
import io.tributary.bench.sse.SseViewer;
import io.tributary.bench.sse.StreamRefusedException;
import io.tributary.bench.stack.BenchStack;
import io.tributary.simulator.SimulatedReply;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * J background jobs streaming from the simulator at a fixed total rate, one SSE viewer each, each viewer
 * attached with {@code Last-Event-ID: 0} (right after the job's {@code started} event) so that it gets
 * every delta as a delta, however late it attaches. Every job has a user and a prompt of its own: the
 * prompt keys the simulator's write times, and per-user limits never throttle the run.
 */
public final class LatencyWorkload implements Workload {

    private static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(120);
    /** How long past its duration a job may take to end before the run gives up on it. */
    private static final Duration END_GRACE = Duration.ofSeconds(60);
    /**
     * A job the gateway has not read the start of yet is a 404 once the gateway's attach wait (3 s) is over;
     * a viewer then asks again as a client would, for up to 10 s. With the gateway's directory of started
     * jobs this no longer happens in practice; the count shows it.
     */
    private static final int ATTACH_RETRIES = 100;
    private static final Duration ATTACH_RETRY_PAUSE = Duration.ofMillis(100);

    private final SseViewer viewer = new SseViewer();

    @Override
    public void check(BenchOptions options) {
        new LatencySettings(options.jobs(), options.rate(), options.duration());
    }

    @Override
    public LatencyReport run(BenchRun run, Duration duration) throws IOException, InterruptedException {
        BenchOptions options = run.options();
        return run(run.stack(), run.writeTimes(), new LatencySettings(options.jobs(), options.rate(), duration));
    }

    LatencyReport run(BenchStack stack, WriteTimes writeTimes, LatencySettings settings)
            throws IOException, InterruptedException {
        JobStarts starts = new JobStarts(stack);
        PipelineHops hopsBefore = PipelineHops.read(stack);
        String runId = Long.toString(System.currentTimeMillis(), 36);
        Histogram latency = new ConcurrentHistogram(HIGHEST_MICROS, 3);
        Histogram startAnswer = new Histogram(HIGHEST_MICROS, 3);
        List<ViewedJob> jobs = new ArrayList<>();
        List<Mono<Void>> viewings = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        long firstStart = System.nanoTime();
        for (int i = 0; i < settings.jobs(); i++) {
            String user = "bench-" + runId + "-" + i;
            String prompt = "Benchmark job " + i + " of run " + runId;
            String body = JobStarts.requestBody(prompt, settings.chunksPerJob(), settings.intervalMs());
            writeTimes.register(prompt, settings.chunksPerJob());
            long started = System.nanoTime();
            String token = stack.token(user);
            String jobId = starts.start(body, token);
            startAnswer.recordValue((System.nanoTime() - started) / 1_000);
            ViewedJob job = new ViewedJob(prompt, SimulatedReply.forRequest(body).deltas(), 0, writeTimes, latency,
                    started);
            jobs.add(job);
            viewings.add(viewer.watch(stack.gatewayUrl() + "/api/jobs/" + jobId + "/stream", token, "0",
                            job::opened, job::onEvent)
                    .doOnError(LatencyWorkload::notKnownYet, e -> job.attachRefused())
                    .retryWhen(Retry.fixedDelay(ATTACH_RETRIES, ATTACH_RETRY_PAUSE).filter(LatencyWorkload::notKnownYet))
                    .doOnSuccess(done -> job.ended())
                    .onErrorResume(e -> {
                        synchronized (failures) {
                            failures.add(prompt + ": the viewer failed: " + e);
                        }
                        return Mono.empty();
                    })
                    .cache());
            viewings.get(i).subscribe();
        }
        Duration deadline = settings.duration().plus(END_GRACE);
        Flux.merge(viewings).then().block(deadline);
        List<HopHistogram.HopFigures> hops = PipelineHops.read(stack).since(hopsBefore);
        return report(settings, jobs, latency, startAnswer, failures, firstStart, hops);
    }

    /** A job the gateway did not learn of within its attach wait: a 404. */
    private static boolean notKnownYet(Throwable e) {
        return e instanceof StreamRefusedException refused && refused.status() == 404;
    }

    private static LatencyReport report(LatencySettings settings, List<ViewedJob> jobs, Histogram latency,
            Histogram startAnswer, List<String> viewerFailures, long firstStart, List<HopHistogram.HopFigures> hops) {
        Histogram firstToken = new Histogram(HIGHEST_MICROS, 3);
        Histogram attach = new Histogram(HIGHEST_MICROS, 3);
        List<String> failures = new ArrayList<>(viewerFailures);
        long deltasRead = 0;
        long deltasTimed = 0;
        long attachRetries = 0;
        long lastRead = firstStart;
        for (ViewedJob job : jobs) {
            failures.addAll(job.failures());
            deltasRead += job.chunksRead();
            deltasTimed += job.timedChunks();
            attachRetries += job.attachRetries();
            lastRead = Math.max(lastRead, job.lastReadNanos());
            if (job.attachNanos() >= 0) {
                attach.recordValue(job.attachNanos() / 1_000);
            }
            if (job.timeToFirstTokenNanos() >= 0) {
                firstToken.recordValue(job.timeToFirstTokenNanos() / 1_000);
            }
        }
        double seconds = (lastRead - firstStart) / 1e9;
        return new LatencyReport("latency", settings.jobs(), settings.rate(), settings.intervalMs(),
                settings.chunksPerJob(), seconds > 0 ? deltasRead / seconds : 0, deltasRead, deltasTimed, attachRetries,
                Percentiles.ofMicros(latency), Percentiles.ofMicros(startAnswer), Percentiles.ofMicros(attach),
                Percentiles.ofMicros(firstToken), hops, failures);
    }
}
