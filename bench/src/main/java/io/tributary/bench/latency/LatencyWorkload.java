package io.tributary.bench.latency;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.tributary.bench.sse.SseViewer;
import io.tributary.bench.sse.StreamRefusedException;
import io.tributary.bench.stack.BenchStack;
import io.tributary.simulator.SimulatedReply;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * J background jobs streaming from the simulator at a fixed total rate, one SSE viewer each, each viewer
 * attached with {@code Last-Event-ID: 0} (right after the job's {@code started} event) so that it gets
 * every delta as a delta, however late it attaches. Every job has a user and a prompt of its own: the
 * prompt keys the simulator's write times, and per-user limits never throttle the run.
 */
public final class LatencyWorkload {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(120);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    /** How long past its duration a job may take to end before the run gives up on it. */
    private static final Duration END_GRACE = Duration.ofSeconds(60);
    /**
     * A job is a 404 at the gateway until {@code jobs.state} has it, up to the processor's commit interval
     * (1 s) after its start; a viewer asks again as a client would, for up to 10 s.
     */
    private static final int ATTACH_RETRIES = 100;
    private static final Duration ATTACH_RETRY_PAUSE = Duration.ofMillis(100);

    private final BenchStack stack;
    private final WriteTimes writeTimes;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final SseViewer viewer = new SseViewer();

    /**
     * @param stack where jobs start and are watched
     * @param writeTimes the listener of the simulator the stack's ingest streams from
     */
    public LatencyWorkload(BenchStack stack, WriteTimes writeTimes) {
        this.stack = stack;
        this.writeTimes = writeTimes;
    }

    public LatencyReport run(LatencySettings settings) throws IOException, InterruptedException {
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
            String body = requestBody(prompt, settings);
            writeTimes.register(prompt, settings.chunksPerJob());
            long started = System.nanoTime();
            String token = stack.token(user);
            String jobId = start(body, token);
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
        return report(settings, jobs, latency, startAnswer, failures, firstStart);
    }

    /** The gateway knows a job once the processor has committed its first state: until then it is a 404. */
    private static boolean notKnownYet(Throwable e) {
        return e instanceof StreamRefusedException refused && refused.status() == 404;
    }

    private String start(String body, String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.ingestUrl() + "/api/openrouter/stream"))
                .timeout(START_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("A job start answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode answer = JSON.readTree(response.body());
        return answer.path("jobId").asString();
    }

    static String requestBody(String prompt, LatencySettings settings) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", "simulator/echo");
        ObjectNode message = body.putArray("messages").addObject();
        message.put("role", "user");
        message.put("content", prompt);
        body.put("_background", true);
        body.put("_threadId", "bench-thread");
        body.put("_messageId", "bench-message");
        ObjectNode simulator = body.putObject("simulator");
        simulator.put("chunks", settings.chunksPerJob());
        simulator.put("interval_ms", settings.intervalMs());
        return JSON.writeValueAsString(body);
    }

    private static LatencyReport report(LatencySettings settings, List<ViewedJob> jobs, Histogram latency,
            Histogram startAnswer, List<String> viewerFailures, long firstStart) {
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
                percentiles(latency), percentiles(startAnswer), percentiles(attach), percentiles(firstToken), failures);
    }

    private static LatencyReport.Percentiles percentiles(Histogram micros) {
        return new LatencyReport.Percentiles(micros.getTotalCount(), millis(micros, 50), millis(micros, 90),
                millis(micros, 99), millis(micros, 99.9), micros.getMaxValue() / 1_000.0);
    }

    private static double millis(Histogram micros, double percentile) {
        return micros.getValueAtPercentile(percentile) / 1_000.0;
    }
}
