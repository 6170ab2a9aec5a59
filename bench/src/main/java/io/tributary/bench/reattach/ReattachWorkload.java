package io.tributary.bench.reattach;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.tributary.bench.BenchOptions;
import io.tributary.bench.BenchRun;
import io.tributary.bench.JobStarts;
import io.tributary.bench.JobStatuses;
import io.tributary.bench.Percentiles;
import io.tributary.bench.Workload;
import io.tributary.bench.metrics.PrometheusText;
import io.tributary.bench.stack.BenchStack;
import io.tributary.simulator.SimulatedReply;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * J jobs, half of them streamed to their end before the storm and half streaming through it; then V
 * viewers reconnect at once, each with a {@code Last-Event-ID} inside its job's history, and read to the
 * job's end. No viewer watched these jobs before, so the gateway opens their timelines during the storm:
 * this is a reattach after a gateway restart or a failover, the cold case. A second storm follows once
 * every job has ended, while the gateway still holds the timelines: the warm case.
 */
public final class ReattachWorkload implements Workload {

    private static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(120);
    private static final String CATCH_UP_READS = "tributary_gateway_catch_up_reads_total";
    /** How long a job may take to reach the state the run waits for (ended, known to the gateway). */
    private static final Duration STATE_WAIT = Duration.ofSeconds(60);
    private static final Duration POLL_PAUSE = Duration.ofMillis(100);
    /** How long past the live jobs' end the viewers may take to read to it. */
    private static final Duration END_GRACE = Duration.ofSeconds(60);
    /** Resume points are the same from run to run. */
    private static final long SEED = 6;

    @Override
    public void check(BenchOptions options) {
        new ReattachSettings(options.jobs(), options.viewers(), options.duration());
    }

    @Override
    public ReattachReport run(BenchRun run, Duration duration) throws IOException, InterruptedException {
        BenchOptions options = run.options();
        return run(run.stack(), new ReattachSettings(options.jobs(), options.viewers(), duration));
    }

    private record StartedJob(String label, String jobId, String token, ReplyEvents reply, boolean finished) {
    }

    ReattachReport run(BenchStack stack, ReattachSettings settings) throws IOException, InterruptedException {
        String runId = Long.toString(System.currentTimeMillis(), 36);
        JobStarts starts = new JobStarts(stack);
        JobStatuses statuses = new JobStatuses(stack);
        List<String> failures = new ArrayList<>();
        // The finished jobs first, and the live ones only once those have ended: on a cold stack the wait
        // for the finished jobs took longer than a short round's live jobs last.
        List<StartedJob> finished = startJobs(stack, starts, settings, runId, true);
        List<StormJob> jobs = new ArrayList<>(awaitStormReady(statuses, finished, failures));
        long firstLiveStart = System.nanoTime();
        List<StartedJob> live = startJobs(stack, starts, settings, runId, false);
        jobs.addAll(awaitStormReady(statuses, live, failures));
        long wait = settings.stormAfter().toNanos() - (System.nanoTime() - firstLiveStart);
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
        jobs = lastIds(statuses, jobs, failures);

        Storm storm = new Storm(stack.gatewayUrl());
        double readsBefore = catchUpReads(stack);
        Storm.Result cold = storm.run(jobs, settings.viewers(), SEED, settings.duration().plus(END_GRACE));
        double readsCold = catchUpReads(stack) - readsBefore;

        // Every job has ended now (each live job's viewers read it to its terminal event).
        List<StormJob> ended = jobs.stream().map(job -> new StormJob(job.label(), job.jobId(), job.token(),
                job.reply(), job.reply().terminalId(), true)).toList();
        double readsBeforeWarm = catchUpReads(stack);
        Storm.Result warm = storm.run(ended, settings.viewers(), SEED + 1, settings.duration().plus(END_GRACE));
        double readsWarm = catchUpReads(stack) - readsBeforeWarm;
        return report(settings, cold, readsCold, warm, readsWarm, failures);
    }

    /** Starts the finished jobs ({@code finished}) or the live ones, numbered as the settings count them. */
    private static List<StartedJob> startJobs(BenchStack stack, JobStarts starts, ReattachSettings settings,
            String runId, boolean finished) throws IOException, InterruptedException {
        List<StartedJob> started = new ArrayList<>();
        int from = finished ? 0 : settings.finishedJobs();
        int until = finished ? settings.finishedJobs() : settings.jobs();
        for (int i = from; i < until; i++) {
            String prompt = "Reattach job " + i + " of run " + runId;
            String body = finished
                    ? JobStarts.requestBody(prompt, ReattachSettings.FINISHED_CHUNKS, ReattachSettings.FINISHED_INTERVAL_MS)
                    : JobStarts.requestBody(prompt, settings.liveChunks(), ReattachSettings.LIVE_INTERVAL_MS);
            String token = stack.token("reattach-" + runId + "-" + i);
            String jobId = starts.start(body, token);
            started.add(new StartedJob((finished ? "finished job " : "live job ") + i, jobId, token,
                    new ReplyEvents(SimulatedReply.forRequest(body).deltas()), finished));
        }
        return started;
    }

    /** The gateway's catch-up reads so far (a counter), or NaN when it cannot be asked. */
    private static double catchUpReads(BenchStack stack) throws InterruptedException {
        try {
            return PrometheusText.read(stack.gatewayUrl()).sum(CATCH_UP_READS);
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /**
     * Waits until every finished job has ended in {@code jobs.state} (its status seq is then its terminal
     * id) and every live job is known to the gateway. Each round asks for every job not ready yet, so the
     * wait is the slowest job's, not the sum over jobs (waiting for them one by one outlasted the live
     * jobs of a 15 s warm-up round on a cold stack).
     */
    private static List<StormJob> awaitStormReady(JobStatuses statuses, List<StartedJob> started, List<String> failures)
            throws IOException, InterruptedException {
        Map<StartedJob, JsonNode> ready = new HashMap<>();
        Map<StartedJob, JsonNode> last = new HashMap<>();
        long deadline = System.nanoTime() + STATE_WAIT.toNanos();
        while (ready.size() < started.size()) {
            for (StartedJob job : started) {
                if (!ready.containsKey(job)) {
                    JsonNode status = statuses.status(job.jobId(), job.token());
                    last.put(job, status);
                    if (isReady(job, status)) {
                        ready.put(job, status);
                    }
                }
            }
            if (ready.size() < started.size()) {
                if (System.nanoTime() > deadline) {
                    StartedJob late = started.stream().filter(job -> !ready.containsKey(job)).findFirst().orElseThrow();
                    throw new IllegalStateException(late.label() + " did not " + (late.finished() ? "end" : "start")
                            + " within " + STATE_WAIT + ": " + last.get(late));
                }
                Thread.sleep(POLL_PAUSE.toMillis());
            }
        }
        List<StormJob> jobs = new ArrayList<>();
        for (StartedJob job : started) {
            long seq = ready.get(job).path("seq").asLong();
            if (job.finished() && seq != job.reply().terminalId()) {
                failures.add(job.label() + ": ended with seq " + seq + ", not " + job.reply().terminalId()
                        + " (the id mapping the checks assume is wrong)");
            }
            jobs.add(new StormJob(job.label(), job.jobId(), job.token(), job.reply(), seq, job.finished()));
        }
        return jobs;
    }

    private static boolean isReady(StartedJob job, @Nullable JsonNode status) {
        if (status == null) {
            return false;
        }
        boolean streaming = "streaming".equals(status.path("status").asString(""));
        return job.finished() ? "complete".equals(status.path("status").asString("")) : streaming;
    }

    /** The live jobs' last ids as the gateway's status gives them right before the storm. */
    private static List<StormJob> lastIds(JobStatuses statuses, List<StormJob> jobs, List<String> failures)
            throws IOException, InterruptedException {
        List<StormJob> updated = new ArrayList<>(jobs.size());
        for (StormJob job : jobs) {
            if (job.finished()) {
                updated.add(job);
                continue;
            }
            JsonNode status = statuses.status(job.jobId(), job.token());
            long seq = status == null ? job.lastId() : status.path("seq").asLong();
            if (status != null && !"streaming".equals(status.path("status").asString(""))) {
                failures.add(job.label() + ": ended before the storm (" + status.path("status").asString("")
                        + "); make --duration longer");
            }
            updated.add(new StormJob(job.label(), job.jobId(), job.token(), job.reply(), seq, false));
        }
        return updated;
    }

    private static ReattachReport report(ReattachSettings settings, Storm.Result cold, double readsCold,
            Storm.Result warm, double readsWarm, List<String> setupFailures) {
        Histogram live = histogram();
        Histogram finished = histogram();
        Histogram all = histogram();
        Histogram headers = histogram();
        Histogram warmFirst = histogram();
        List<String> failures = new ArrayList<>(setupFailures);
        long upToDate = 0;
        long exact = 0;
        for (ResumedView view : cold.views()) {
            long first = view.timeToFirstEventNanos();
            if (first >= 0) {
                (view.live() ? live : finished).recordValue(first / 1_000);
                all.recordValue(first / 1_000);
            }
            if (view.timeToHeadersNanos() >= 0) {
                headers.recordValue(view.timeToHeadersNanos() / 1_000);
            }
            upToDate += view.expectsUpToDate() && view.exact() ? 1 : 0;
        }
        for (ResumedView view : warm.views()) {
            if (view.timeToFirstEventNanos() >= 0) {
                warmFirst.recordValue(view.timeToFirstEventNanos() / 1_000);
            }
        }
        List<ResumedView> views = new ArrayList<>(cold.views());
        views.addAll(warm.views());
        for (ResumedView view : views) {
            exact += view.exact() ? 1 : 0;
            failures.addAll(view.failures());
        }
        return new ReattachReport("reattach", settings.jobs() - settings.finishedJobs(), settings.finishedJobs(),
                settings.viewers(), cold.startedAt().toString(), cold.issueNanos() / 1e6, Percentiles.ofMicros(live),
                Percentiles.ofMicros(finished), Percentiles.ofMicros(all), Percentiles.ofMicros(headers), upToDate,
                readsCold, Percentiles.ofMicros(warmFirst), readsWarm, exact, views.size(), failures);
    }

    private static Histogram histogram() {
        return new Histogram(HIGHEST_MICROS, 3);
    }
}
