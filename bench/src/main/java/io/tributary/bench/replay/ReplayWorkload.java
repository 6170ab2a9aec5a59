package io.tributary.bench.replay;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.tributary.bench.BenchOptions;
import io.tributary.bench.BenchRun;
import io.tributary.bench.JobStarts;
import io.tributary.bench.JobStatuses;
import io.tributary.bench.Percentiles;
import io.tributary.bench.Workload;
import io.tributary.bench.sse.SseEvent;
import io.tributary.bench.sse.SseViewer;
import io.tributary.bench.stack.BenchStack;
import io.tributary.simulator.SimulatedReply;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replays at the recorded pace ({@code ?replay=recorded}): {@code --jobs} jobs stream one chunk every
 * {@value #INTERVAL_MS} ms for the round's duration and end; then every job is replayed at once, and
 * each message's arrival, counted from the replay's first message, is compared with its event's recorded
 * time, counted from the first event (as the events endpoint gives them). Every replay is also checked:
 * ids dense from 0 (the snapshot) to the terminal status, whose content is the upstream's.
 */
public final class ReplayWorkload implements Workload {

    static final int INTERVAL_MS = 50;
    private static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(120);
    private static final Duration STATE_WAIT = Duration.ofSeconds(60);
    private static final Duration END_GRACE = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SseViewer viewer = new SseViewer();

    @Override
    public void check(BenchOptions options) {
        if (options.jobs() < 1) {
            throw new IllegalArgumentException("--jobs must be positive");
        }
    }

    private record ReplayedJob(String label, String jobId, String token, String content, List<SseEvent> received) {
    }

    @Override
    public ReplayReport run(BenchRun run, Duration duration) throws IOException, InterruptedException {
        BenchStack stack = run.stack();
        int chunks = (int) Math.max(2, duration.toMillis() / INTERVAL_MS);
        String runId = Long.toString(System.currentTimeMillis(), 36);
        JobStarts starts = new JobStarts(stack);
        List<ReplayedJob> jobs = new ArrayList<>();
        for (int i = 0; i < run.options().jobs(); i++) {
            String body = JobStarts.requestBody("Replay job " + i + " of run " + runId, chunks, INTERVAL_MS);
            String token = stack.token("replay-" + runId + "-" + i);
            String jobId = starts.start(body, token);
            jobs.add(new ReplayedJob("job " + i, jobId, token, SimulatedReply.forRequest(body).content(),
                    new ArrayList<>()));
        }
        awaitComplete(new JobStatuses(stack), jobs);
        RecordedTimes recorded = new RecordedTimes(stack.gatewayUrl());
        // By identity: a job's record holds the list its replay fills, so its hash changes.
        Map<ReplayedJob, Map<Long, Instant>> times = new IdentityHashMap<>();
        for (ReplayedJob job : jobs) {
            times.put(job, recorded.of(job.jobId(), job.token()));
        }
        List<String> failures = new ArrayList<>();
        List<Mono<Void>> replays = new ArrayList<>();
        for (ReplayedJob job : jobs) {
            Mono<Void> replay = viewer.watch(stack.gatewayUrl() + "/api/jobs/" + job.jobId() + "/stream?replay=recorded",
                            job.token(), null, opened -> { }, event -> job.received().add(event))
                    .onErrorResume(e -> {
                        synchronized (failures) {
                            failures.add(job.label() + ": the replay failed: " + e);
                        }
                        return Mono.empty();
                    })
                    .cache();
            replay.subscribe();
            replays.add(replay);
        }
        Flux.merge(replays).then().block(duration.plus(END_GRACE));
        return report(jobs, times, failures);
    }

    private static ReplayReport report(List<ReplayedJob> jobs, Map<ReplayedJob, Map<Long, Instant>> times,
            List<String> failures) {
        Histogram off = new Histogram(HIGHEST_MICROS, 3);
        long messages = 0;
        for (ReplayedJob job : jobs) {
            List<SseEvent> received = job.received();
            Map<Long, Instant> recorded = times.get(job);
            messages += received.size();
            String problem = check(job, recorded);
            if (problem != null) {
                failures.add(job.label() + ": " + problem);
                continue;
            }
            long firstArrival = received.get(0).receivedNanos();
            Instant firstRecorded = recorded.get(0L);
            for (SseEvent event : received) {
                long actual = event.receivedNanos() - firstArrival;
                long expected = Duration.between(firstRecorded, recorded.get(Long.parseLong(event.id()))).toNanos();
                off.recordValue(Math.abs(actual - expected) / 1_000);
            }
        }
        return new ReplayReport("replay", jobs.size(), messages, Percentiles.ofMicros(off), failures);
    }

    /** What is wrong with the job's replay, or null when it is exact. */
    private static @Nullable String check(ReplayedJob job, Map<Long, Instant> recorded) {
        List<SseEvent> received = job.received();
        if (received.size() != recorded.size()) {
            return received.size() + " messages replayed for " + recorded.size() + " events on the log";
        }
        for (int i = 0; i < received.size(); i++) {
            if (!Long.toString(i).equals(received.get(i).id())) {
                return "message " + i + " has id " + received.get(i).id();
            }
        }
        JsonNode last = JSON.readTree(received.get(received.size() - 1).data()).path("status");
        if (!"complete".equals(last.path("status").asString()) || !job.content().equals(last.path("content").asString())) {
            return "the terminal status is not the upstream's complete content: " + last;
        }
        return null;
    }

    private static void awaitComplete(JobStatuses statuses, List<ReplayedJob> jobs)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + STATE_WAIT.toNanos();
        List<ReplayedJob> waiting = new ArrayList<>(jobs);
        while (!waiting.isEmpty()) {
            for (ReplayedJob job : List.copyOf(waiting)) {
                JsonNode status = statuses.status(job.jobId(), job.token());
                if (status != null && "complete".equals(status.path("status").asString())) {
                    waiting.remove(job);
                }
            }
            if (!waiting.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(waiting.get(0).label() + " did not complete within " + STATE_WAIT);
                }
                Thread.sleep(200);
            }
        }
    }
}
