package io.tributary.bench.fanout;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.tributary.bench.BenchOptions;
import io.tributary.bench.BenchRun;
import io.tributary.bench.JobStarts;
import io.tributary.bench.Percentiles;
import io.tributary.bench.Workload;
import io.tributary.bench.WriteTimes;
import io.tributary.bench.sse.SseViewer;
import io.tributary.bench.stack.BenchStack;
import io.tributary.simulator.SimulatedReply;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * N fresh SSE viewers of J jobs on one gateway. The jobs start first, each with a user and a prompt of its
 * own (the viewers of a job are its user's tabs: another user's job is a 404); once the gateway knows every
 * job, the viewers attach at a steady {@code --attach-rate}, viewer {@code i} to job
 * {@code i % J}, each without {@code Last-Event-ID} (snapshot, then live) as a browser opening a running
 * job does. Every viewer is checked to the job's end; the gateway's metrics are sampled once a second.
 */
public final class FanoutWorkload implements Workload {

    /** How long past its last chunk a job may take to reach every viewer before the run gives up on it. */
    private static final Duration END_GRACE = Duration.ofSeconds(60);
    private static final Duration KNOWN_WAIT = Duration.ofSeconds(30);
    private static final Duration TICK = Duration.ofMillis(10);

    private final SseViewer client = new SseViewer();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @Override
    public void check(BenchOptions options) {
        settings(options, options.duration());
    }

    private static FanoutSettings settings(BenchOptions options, Duration duration) {
        return new FanoutSettings(options.jobs(), options.rate(), options.viewers(), duration, options.attachRate());
    }

    @Override
    public FanoutReport run(BenchRun run, Duration duration) throws IOException, InterruptedException {
        return run(run.stack(), run.writeTimes(), settings(run.options(), duration));
    }

    FanoutReport run(BenchStack stack, WriteTimes writeTimes, FanoutSettings settings)
            throws IOException, InterruptedException {
        List<WatchedJob> jobs = startJobs(stack, writeTimes, settings);
        awaitKnown(stack, jobs);
        DeliveryTimes times = new DeliveryTimes();
        Histogram attachTimes = new ConcurrentHistogram(DeliveryTimes.HIGHEST_MICROS, 3);
        List<FreshViewer> viewers = new ArrayList<>(settings.viewers());
        for (int i = 0; i < settings.viewers(); i++) {
            viewers.add(new FreshViewer(jobs.get(i % jobs.size()), times, attachTimes));
        }
        CountDownLatch ended = new CountDownLatch(viewers.size());
        AtomicLong firstEnd = new AtomicLong(Long.MAX_VALUE);
        try (GatewaySampler sampler = new GatewaySampler(stack.gatewayUrl())) {
            sampler.start();
            long attachStart = System.nanoTime();
            attachAll(stack, viewers, settings, () -> {
                // The first stream to end closes the full fan-out window.
                firstEnd.compareAndSet(Long.MAX_VALUE, System.nanoTime());
                ended.countDown();
            });
            long allOpen = awaitSettled(viewers);
            times.fullFanOutFrom(allOpen);
            Duration deadline = settings.duration().plus(settings.ramp()).plus(FanoutSettings.LEAD).plus(END_GRACE);
            boolean allEnded = ended.await(deadline.toMillis(), TimeUnit.MILLISECONDS);
            List<GatewaySample> samples = sampler.stop();
            long windowEnd = Math.min(firstEnd.get(), System.nanoTime());
            List<String> failures = new ArrayList<>();
            if (!allEnded) {
                failures.add(ended.getCount() + " viewers had not ended " + deadline + " after the last attach");
            }
            return report(settings, viewers, times, attachTimes, samples, attachStart, allOpen, windowEnd, failures);
        }
    }

    private List<WatchedJob> startJobs(BenchStack stack, WriteTimes writeTimes, FanoutSettings settings)
            throws IOException, InterruptedException {
        JobStarts starts = new JobStarts(stack);
        String runId = Long.toString(System.currentTimeMillis(), 36);
        List<WatchedJob> jobs = new ArrayList<>();
        for (int i = 0; i < settings.jobs(); i++) {
            String prompt = "Fan-out job " + i + " of run " + runId;
            String body = JobStarts.requestBody(prompt, settings.chunksPerJob(), settings.intervalMs());
            writeTimes.register(prompt, settings.chunksPerJob());
            String token = stack.token("fanout-" + runId + "-" + i);
            String jobId = starts.start(body, token);
            jobs.add(new WatchedJob(prompt, jobId, token, SimulatedReply.forRequest(body).deltas(), writeTimes));
        }
        return jobs;
    }

    /** A job is a 404 until the processor has committed its first state: wait for each, as a client would. */
    private void awaitKnown(BenchStack stack, List<WatchedJob> jobs) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + KNOWN_WAIT.toNanos();
        for (WatchedJob job : jobs) {
            HttpRequest status = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/api/jobs/" + job.jobId()
                            + "/status"))
                    .timeout(Duration.ofSeconds(5))
                    .header("Authorization", "Bearer " + job.token())
                    .GET()
                    .build();
            while (http.send(status, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The gateway did not know job " + job.jobId() + " after "
                            + KNOWN_WAIT);
                }
                Thread.sleep(100);
            }
        }
    }

    /** Subscribes the viewers a few per tick, at the attach rate; returns once every one is subscribed. */
    private void attachAll(BenchStack stack, List<FreshViewer> viewers, FanoutSettings settings, Runnable onEnd)
            throws InterruptedException {
        // Whole viewers per tick: the tick stretches for rates under one per tick.
        long tickMillis = Math.max(TICK.toMillis(), 1000L / settings.attachRate());
        int perTick = Math.max(1, (int) (settings.attachRate() * tickMillis / 1000));
        AtomicInteger next = new AtomicInteger();
        CountDownLatch subscribed = new CountDownLatch(1);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        try {
            ticker.scheduleAtFixedRate(() -> {
                for (int n = 0; n < perTick; n++) {
                    int index = next.getAndIncrement();
                    if (index >= viewers.size()) {
                        subscribed.countDown();
                        return;
                    }
                    FreshViewer viewer = viewers.get(index);
                    try {
                        watch(stack, viewer, onEnd);
                    } catch (RuntimeException e) {
                        // A failure to even start the request must not stop the ticker and hang the run.
                        viewer.failed(e);
                        onEnd.run();
                    }
                }
            }, 0, tickMillis, TimeUnit.MILLISECONDS);
            subscribed.await();
        } finally {
            ticker.shutdownNow();
        }
    }

    private void watch(BenchStack stack, FreshViewer viewer, Runnable onEnd) {
        WatchedJob job = viewer.job();
        viewer.requested(System.nanoTime());
        client.watch(stack.gatewayUrl() + "/api/jobs/" + job.jobId() + "/stream", job.token(), null, viewer::opened,
                        viewer::onEvent)
                .subscribe(null, error -> {
                    viewer.failed(error);
                    onEnd.run();
                }, () -> {
                    viewer.ended();
                    onEnd.run();
                });
    }

    /** Waits (bounded) until every viewer's stream is open or has failed; returns when that was seen. */
    private static long awaitSettled(List<FreshViewer> viewers) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && !viewers.stream().allMatch(FreshViewer::isSettled)) {
            Thread.sleep(20);
        }
        return System.nanoTime();
    }

    private static FanoutReport report(FanoutSettings settings, List<FreshViewer> viewers, DeliveryTimes times,
            Histogram attachTimes, List<GatewaySample> samples, long attachStart, long allOpen, long windowEnd,
            List<String> failures) {
        Map<Integer, Long> refused = new TreeMap<>();
        long attached = 0;
        long broken = 0;
        long deltasRead = 0;
        for (FreshViewer viewer : viewers) {
            failures.addAll(viewer.failures());
            deltasRead += viewer.chunksRead();
            Integer status = viewer.refusedWith();
            if (status != null) {
                refused.merge(status, 1L, Long::sum);
            } else if (viewer.isOpen()) {
                attached++;
            } else {
                broken++;
            }
        }
        double window = Math.max(0, (windowEnd - allOpen) / 1e9);
        return new FanoutReport("fanout", settings.jobs(), settings.viewers(), settings.rate(), settings.intervalMs(),
                settings.chunksPerJob(), settings.attachRate(), settings.messagesPerSecond(), attached,
                refused, broken, (allOpen - attachStart) / 1e9, window, deltasRead,
                window > 0 ? times.fullFanOutReads() / window : 0, Percentiles.ofMicros(attachTimes),
                Percentiles.ofMicros(times.all()), Percentiles.ofMicros(times.fullFanOut()),
                LoadFigures.of(samples, allOpen, windowEnd), failures);
    }
}
