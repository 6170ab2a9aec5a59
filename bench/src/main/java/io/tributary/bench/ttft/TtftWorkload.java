package io.tributary.bench.ttft;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.tributary.bench.BenchOptions;
import io.tributary.bench.BenchRun;
import io.tributary.bench.JobStarts;
import io.tributary.bench.Percentiles;
import io.tributary.bench.WriteTimes;
import io.tributary.bench.Workload;
import io.tributary.bench.latency.ViewedJob;
import io.tributary.bench.sse.SseViewer;
import io.tributary.bench.stack.BenchStack;
import io.tributary.simulator.SimulatedReply;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Time to first token as a chat user meets it: {@code --jobs} jobs started one after another, spread over
 * the round, each watched by a fresh viewer (no {@code Last-Event-ID}, so a snapshot first) that asks for
 * the stream the moment the ingest answers with the job's id, as the original client does. A refusal (the
 * gateway not knowing the job yet) is a failure, not something to retry. The upstream sends its first
 * chunk {@value #FIRST_CHUNK_MS} ms after the request and the others as far apart, so the run holds both
 * the first chunk's latency and the steady one of the later chunks, measured the same way.
 */
public final class TtftWorkload implements Workload {

    static final int FIRST_CHUNK_MS = 300;
    private static final int CHUNKS = 10;
    private static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(120);
    private static final Duration END_GRACE = Duration.ofSeconds(60);

    private final SseViewer viewer = new SseViewer();

    @Override
    public void check(BenchOptions options) {
        if (options.jobs() < 1) {
            throw new IllegalArgumentException("--jobs must be positive");
        }
    }

    @Override
    public TtftReport run(BenchRun run, Duration duration) throws IOException, InterruptedException {
        BenchStack stack = run.stack();
        WriteTimes writeTimes = run.writeTimes();
        int jobCount = run.options().jobs();
        long stagger = Math.max(1, duration.toMillis() / jobCount);
        JobStarts starts = new JobStarts(stack);
        String runId = Long.toString(System.currentTimeMillis(), 36);
        Histograms figures = new Histograms();
        List<Mono<Void>> viewings = new ArrayList<>();
        List<StartedJob> jobs = new ArrayList<>();
        for (int i = 0; i < jobCount; i++) {
            String prompt = "First token " + i + " of run " + runId;
            String body = JobStarts.requestBody(prompt, CHUNKS, FIRST_CHUNK_MS);
            writeTimes.register(prompt, CHUNKS);
            String token = stack.token("ttft-" + runId + "-" + i);
            long started = System.nanoTime();
            String jobId = starts.start(body, token);
            figures.startAnswer.recordValue((System.nanoTime() - started) / 1_000);
            StartedJob job = new StartedJob(prompt, started, new ViewedJob(prompt,
                    SimulatedReply.forRequest(body).deltas(), ViewedJob.FRESH_ATTACH, writeTimes,
                    (index, written, read, live) -> {
                        if (index > 0 && live) {
                            figures.steady.recordValue(Math.max(0, (read - written) / 1_000));
                        }
                    }, started));
            jobs.add(job);
            Mono<Void> viewing = viewer.watch(stack.gatewayUrl() + "/api/jobs/" + jobId + "/stream", token, null,
                            job.view()::opened, job.view()::onEvent)
                    .doOnSuccess(done -> job.view().ended())
                    .onErrorResume(e -> {
                        job.refused(e);
                        return Mono.empty();
                    })
                    .cache();
            viewing.subscribe();
            viewings.add(viewing);
            Thread.sleep(stagger);
        }
        Flux.merge(viewings).then().block(duration.plus(END_GRACE));
        return report(jobs, writeTimes, figures);
    }

    private static TtftReport report(List<StartedJob> jobs, WriteTimes writeTimes, Histograms figures) {
        List<String> failures = new ArrayList<>();
        for (StartedJob job : jobs) {
            failures.addAll(job.failures());
            ViewedJob view = job.view();
            long firstWritten = writeTimes.writtenAt(job.prompt(), 0);
            if (view.attachNanos() >= 0) {
                figures.attach.recordValue(view.attachNanos() / 1_000);
            }
            if (firstWritten != WriteTimes.NOT_WRITTEN) {
                figures.upstreamFirstChunk.recordValue(Math.max(0, (firstWritten - job.startedNanos()) / 1_000));
            }
            if (view.timeToFirstTokenNanos() >= 0) {
                long firstRead = job.startedNanos() + view.timeToFirstTokenNanos();
                figures.firstToken.recordValue(view.timeToFirstTokenNanos() / 1_000);
                if (firstWritten != WriteTimes.NOT_WRITTEN) {
                    figures.firstChunk.recordValue(Math.max(0, (firstRead - firstWritten) / 1_000));
                }
            }
        }
        return new TtftReport("ttft", jobs.size(), FIRST_CHUNK_MS, Percentiles.ofMicros(figures.startAnswer),
                Percentiles.ofMicros(figures.attach), Percentiles.ofMicros(figures.upstreamFirstChunk),
                Percentiles.ofMicros(figures.firstToken), Percentiles.ofMicros(figures.firstChunk),
                Percentiles.ofMicros(figures.steady), failures);
    }

    /** The run's histograms, in microseconds. */
    private static final class Histograms {
        final Histogram startAnswer = new Histogram(HIGHEST_MICROS, 3);
        final Histogram attach = new Histogram(HIGHEST_MICROS, 3);
        final Histogram upstreamFirstChunk = new Histogram(HIGHEST_MICROS, 3);
        final Histogram firstToken = new Histogram(HIGHEST_MICROS, 3);
        final Histogram firstChunk = new Histogram(HIGHEST_MICROS, 3);
        final Histogram steady = new ConcurrentHistogram(HIGHEST_MICROS, 3);
    }

    /** A job, when its start was asked for, and what its viewer saw. */
    private record StartedJob(String prompt, long startedNanos, ViewedJob view, List<String> refusals) {

        StartedJob(String prompt, long startedNanos, ViewedJob view) {
            this(prompt, startedNanos, view, new ArrayList<>());
        }

        void refused(Throwable error) {
            synchronized (refusals) {
                refusals.add(prompt + ": the viewer failed: " + error);
            }
        }

        List<String> failures() {
            List<String> all = new ArrayList<>(view.failures());
            synchronized (refusals) {
                all.addAll(refusals);
            }
            return all;
        }
    }
}
