package io.tributary.bench.throughput;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Waits until {@code jobs.state} holds every job's final state, as the gateway answers it
 * ({@code GET /api/jobs/{id}/status} reads the processor's {@code jobs.state}), and checks that each final
 * state is {@code complete} with exactly the content the upstream sent. To load the gateway as little as
 * possible while the processor catches up (the requests would take CPU from it), it asks for one job at a
 * time, every {@value #PAUSE_MILLIS} ms, the one written last (the most likely to be folded last); once that
 * one is final it asks for all the others, {@value #IN_FLIGHT} at a time, and starts over with those not
 * final yet. A job counts as final when its answer arrives: the time has the resolution of a pause plus one
 * sweep.
 */
final class StateDrain {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int IN_FLIGHT = 16;
    private static final long PAUSE_MILLIS = 100;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final String gatewayUrl;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    StateDrain(String gatewayUrl) {
        this.gatewayUrl = gatewayUrl;
    }

    /**
     * @param lastFinalNanos when the last job's final state was seen (or when the wait gave up)
     * @param notFinal jobs whose state was not final when the wait gave up
     * @param failures final states that were not {@code complete} or held other content
     */
    record Result(long lastFinalNanos, int notFinal, List<String> failures) {
    }

    /** @param jobs the step's jobs, their chunks' write times taken */
    Result await(List<ThroughputJob> jobs, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ThroughputJob> pending = new ArrayList<>(jobs);
        pending.sort(Comparator.comparingLong(StateDrain::lastWrite).reversed());
        List<String> failures = new ArrayList<>();
        long lastFinal = System.nanoTime();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            if (!finalIn(List.of(pending.get(0)), failures).isEmpty()) {
                Thread.sleep(PAUSE_MILLIS);
                continue;
            }
            pending = finalIn(pending.subList(1, pending.size()), failures);
            lastFinal = System.nanoTime();
        }
        return new Result(pending.isEmpty() ? lastFinal : System.nanoTime(), pending.size(), failures);
    }

    /** Asks for each job's state, {@value #IN_FLIGHT} at a time; checks the final ones, returns the others. */
    private List<ThroughputJob> finalIn(List<ThroughputJob> jobs, List<String> failures) throws InterruptedException {
        List<ThroughputJob> stillPending = new ArrayList<>();
        for (int from = 0; from < jobs.size(); from += IN_FLIGHT) {
            List<ThroughputJob> batch = jobs.subList(from, Math.min(jobs.size(), from + IN_FLIGHT));
            List<CompletableFuture<HttpResponse<String>>> answers = batch.stream().map(this::ask).toList();
            for (int i = 0; i < batch.size(); i++) {
                JsonNode state = state(answers.get(i));
                String status = state == null ? "" : state.path("status").asString("");
                if (state == null || status.isEmpty() || status.equals("streaming")) {
                    stillPending.add(batch.get(i));
                } else {
                    check(batch.get(i), state, status, failures);
                }
            }
        }
        return stillPending;
    }

    private static long lastWrite(ThroughputJob job) {
        return job.times().writtenAt(job.times().chunks() - 1);
    }

    private CompletableFuture<HttpResponse<String>> ask(ThroughputJob job) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/jobs/" + job.jobId() + "/status"))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + job.token())
                .GET()
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The answered state, or null while the gateway does not know the job or could not answer. */
    private static @Nullable JsonNode state(CompletableFuture<HttpResponse<String>> answer) throws InterruptedException {
        try {
            HttpResponse<String> response = answer.get();
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        } catch (ExecutionException e) {
            return null;
        }
    }

    private static void check(ThroughputJob job, JsonNode state, String status, List<String> failures) {
        if (!status.equals("complete")) {
            failures.add(job.prompt() + ": jobs.state ended " + status + ": " + state.path("error"));
        } else if (!job.expectedContent().equals(state.path("content").asString(""))) {
            failures.add(job.prompt() + ": the content in jobs.state differs from what the upstream sent");
        }
    }
}
