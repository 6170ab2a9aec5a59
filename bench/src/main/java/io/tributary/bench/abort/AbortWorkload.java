package io.tributary.bench.abort;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.tributary.bench.BenchOptions;
import io.tributary.bench.BenchRun;
import io.tributary.bench.JobStarts;
import io.tributary.bench.Percentiles;
import io.tributary.bench.Workload;
import io.tributary.bench.WriteTimes;
import io.tributary.bench.sse.SseViewer;
import io.tributary.bench.sse.StreamRefusedException;
import io.tributary.bench.stack.BenchStack;
import io.tributary.simulator.SimulatedReply;
import org.HdrHistogram.Histogram;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * J jobs streaming from the simulator, far longer than the run, one SSE viewer each; once every viewer is
 * attached, the jobs are aborted one at a time, evenly over the duration, as their users would
 * ({@code POST /api/jobs/{id}/abort} with the user's token). For each abort: when it was answered, when
 * the simulator saw the upstream connection closed, when the {@code aborted} event could be read from
 * {@code jobs.deltas}, and when the viewer got the terminal status.
 */
public final class AbortWorkload implements Workload {

    private static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(120);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** How long after the last abort everything it causes may take to arrive. */
    private static final Duration END_GRACE = Duration.ofSeconds(30);
    /** A job is a 404 at the gateway until {@code jobs.state} has it; its viewer asks again for up to 10 s. */
    private static final int ATTACH_RETRIES = 100;
    private static final Duration ATTACH_RETRY_PAUSE = Duration.ofMillis(100);

    private final SseViewer sse = new SseViewer();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @Override
    public void check(BenchOptions options) {
        new AbortSettings(options.jobs(), options.duration());
        if (options.target() != null && options.bootstrap() == null) {
            throw new IllegalArgumentException("--workload abort reads jobs.deltas: give --bootstrap with --target");
        }
    }

    @Override
    public AbortReport run(BenchRun run, Duration duration) throws IOException, InterruptedException {
        BenchStack stack = run.stack();
        String bootstrap = stack.bootstrapServers();
        if (bootstrap == null) {
            throw new IllegalStateException("The abort workload needs the stack's Kafka (--bootstrap)");
        }
        try (DeltasLog log = DeltasLog.start(bootstrap)) {
            return run(stack, run.writeTimes(), log, new AbortSettings(run.options().jobs(), duration));
        }
    }

    private AbortReport run(BenchStack stack, WriteTimes writeTimes, DeltasLog log, AbortSettings settings)
            throws IOException, InterruptedException {
        String runId = Long.toString(System.currentTimeMillis(), 36);
        JobStarts starts = new JobStarts(stack);
        List<AbortedJob> jobs = new ArrayList<>();
        List<Mono<Void>> viewings = new ArrayList<>();
        for (int i = 0; i < settings.jobs(); i++) {
            String prompt = "Abort job " + i + " of run " + runId;
            String body = JobStarts.requestBody(prompt, settings.chunks(), AbortSettings.INTERVAL_MS);
            writeTimes.register(prompt, settings.chunks());
            String token = stack.token("abort-" + runId + "-" + i);
            String jobId = starts.start(body, token);
            String content = SimulatedReply.forRequest(body).content();
            AbortedJob job = new AbortedJob("job " + i, prompt, jobId, token, content, new AbortView("job " + i, content));
            jobs.add(job);
            Mono<Void> viewing = view(stack, job).cache();
            viewing.subscribe();
            viewings.add(viewing);
        }
        awaitViewersOpen(jobs);

        long[] sent = new long[jobs.size()];
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        long[] answeredAt = new long[jobs.size()];
        long first = System.nanoTime();
        for (int i = 0; i < jobs.size(); i++) {
            long due = first + settings.abortAt(i).toNanos();
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int index = i;
            sent[i] = System.nanoTime();
            answers.add(http.sendAsync(abortRequest(stack, jobs.get(i)), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, error) -> answeredAt[index] = System.nanoTime()));
        }
        try {
            Flux.merge(viewings).then().block(END_GRACE);
        } catch (IllegalStateException timedOut) {
            // The viewers that did not end say so in the report.
        }
        return report(settings, jobs, sent, answers, answeredAt, log, writeTimes);
    }

    private Mono<Void> view(BenchStack stack, AbortedJob job) {
        AbortView view = job.view();
        return sse.watch(stack.gatewayUrl() + "/api/jobs/" + job.jobId() + "/stream", job.token(), "0",
                        view::opened, view::onEvent)
                .retryWhen(Retry.fixedDelay(ATTACH_RETRIES, ATTACH_RETRY_PAUSE)
                        .filter(e -> e instanceof StreamRefusedException refused && refused.status() == 404))
                .doOnSuccess(done -> view.ended())
                .onErrorResume(e -> {
                    view.failed(e);
                    return Mono.empty();
                });
    }

    private static void awaitViewersOpen(List<AbortedJob> jobs) throws InterruptedException {
        long deadline = System.nanoTime() + ATTACH_RETRY_PAUSE.multipliedBy(ATTACH_RETRIES).plusSeconds(20).toNanos();
        while (jobs.stream().anyMatch(job -> !job.view().isOpen()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private static HttpRequest abortRequest(BenchStack stack, AbortedJob job) {
        return HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/jobs/" + job.jobId() + "/abort"))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + job.token())
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
    }

    private static AbortReport report(AbortSettings settings, List<AbortedJob> jobs, long[] sent,
            List<CompletableFuture<HttpResponse<String>>> answers, long[] answeredAt, DeltasLog log,
            WriteTimes writeTimes) {
        Histogram answered = histogram();
        Histogram upstream = histogram();
        Histogram onLog = histogram();
        Histogram viewer = histogram();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            AbortedJob job = jobs.get(i);
            String answer;
            try {
                HttpResponse<String> response = answers.get(i).join();
                answer = response.statusCode() + " " + response.body();
            } catch (RuntimeException e) {
                answer = "no answer: " + e;
            }
            AbortedJob.Outcome outcome = job.outcome(sent[i], answeredAt[i] == 0 ? -1 : answeredAt[i], answer,
                    log.events(job.jobId()), writeTimes);
            failures.addAll(outcome.failures());
            record(answered, outcome.answeredNanos());
            record(upstream, outcome.upstreamClosedNanos());
            record(onLog, outcome.loggedNanos());
            record(viewer, outcome.viewerNanos());
        }
        return new AbortReport("abort", jobs.size(), settings.duration().toMillis(), Percentiles.ofMicros(answered),
                Percentiles.ofMicros(upstream), Percentiles.ofMicros(onLog), Percentiles.ofMicros(viewer), failures);
    }

    private static void record(Histogram histogram, long nanos) {
        if (nanos >= 0) {
            histogram.recordValue(nanos / 1_000);
        }
    }

    private static Histogram histogram() {
        return new Histogram(HIGHEST_MICROS, 3);
    }
}
