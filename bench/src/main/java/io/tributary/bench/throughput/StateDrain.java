package io.tributary.bench.throughput;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Waits until {@code jobs.state} holds every job's final state, as the gateway answers it
 * ({@code GET /api/jobs/{id}/status} reads the processor's {@code jobs.state}): asks again, every
 * {@value #ROUND_PAUSE_MILLIS} ms, for each job not final yet, {@value #IN_FLIGHT} requests at a time, and
 * checks that each final state is {@code complete} with exactly the content the upstream sent. A job is
 * final when its answer arrives, so the time has the resolution of a round.
 */
final class StateDrain {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int IN_FLIGHT = 16;
    private static final long ROUND_PAUSE_MILLIS = 100;
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

    Result await(List<ThroughputJob> jobs, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ThroughputJob> pending = new ArrayList<>(jobs);
        List<String> failures = new ArrayList<>();
        long lastFinal = System.nanoTime();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            List<ThroughputJob> stillPending = new ArrayList<>();
            for (int from = 0; from < pending.size(); from += IN_FLIGHT) {
                List<ThroughputJob> batch = pending.subList(from, Math.min(pending.size(), from + IN_FLIGHT));
                List<CompletableFuture<HttpResponse<String>>> answers = batch.stream().map(this::ask).toList();
                for (int i = 0; i < batch.size(); i++) {
                    JsonNode state = state(answers.get(i));
                    String status = state == null ? "" : state.path("status").asString("");
                    if (status.isEmpty() || status.equals("streaming")) {
                        stillPending.add(batch.get(i));
                        continue;
                    }
                    lastFinal = Math.max(lastFinal, System.nanoTime());
                    check(batch.get(i), state, status, failures);
                }
            }
            pending = stillPending;
            if (!pending.isEmpty()) {
                Thread.sleep(ROUND_PAUSE_MILLIS);
            }
        }
        return new Result(pending.isEmpty() ? lastFinal : System.nanoTime(), pending.size(), failures);
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
