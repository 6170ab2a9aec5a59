package io.tributary.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Usage analytics end to end: jobs run through the real ingest, processor and gateways, some watched to
 * their end, some whose viewers left midway, some never watched and one aborted; once they have ended,
 * {@code /api/usage} counts every usage chunk the upstream sent, exactly as the jobs' own events on
 * {@code jobs.deltas} hold them, and every job by its outcome. The ingest reads every upstream to its
 * end whoever watches, so a viewer who leaves changes nothing (the loss LiteLLM has, its issue #14457).
 */
class UsageAnalyticsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static TributaryStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        stack = TributaryStack.shared();
    }

    @Test
    void shouldCountEveryUsageChunkOfEveryJobWhetherItsViewersStayedLeftOrNeverCame() throws Exception {
        TributaryClient user = TributaryClient.freshUser(stack, "usage");
        Instant from = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String watched = user.startJob(JobRequest.of("watched to the end " + i, 20, 20));
            try (SseClient stream = user.watch(watched, null)) {
                stream.readToEnd(PATIENCE);
            }
            jobs.add(watched);
        }
        for (int i = 0; i < 2; i++) {
            String left = user.startJob(JobRequest.of("the viewer leaves " + i, 40, 30));
            try (SseClient stream = user.watch(left, null)) {
                assertThat(stream.next(Duration.ofSeconds(10))).as("a first message before leaving").isNotNull();
            }
            jobs.add(left);
        }
        for (int i = 0; i < 2; i++) {
            jobs.add(user.startJob(JobRequest.of("never watched " + i, 15, 10)));
        }
        String aborted = user.startJob(JobRequest.of("aborted", 1200, 50));
        await().atMost(PATIENCE).until(() -> user.abort(aborted).statusCode() == 200);
        jobs.add(aborted);
        for (String job : jobs) {
            await().atMost(PATIENCE).until(() -> !"streaming".equals(
                    TributaryClient.JSON.readTree(user.status(job).body()).path("status").asString()));
        }

        long input = 0;
        long output = 0;
        double cost = 0;
        int usageChunks = 0;
        for (String job : jobs) {
            JsonNode events = TributaryClient.JSON.readTree(user.get("/api/jobs/" + job + "/events?limit=10000").body());
            for (JsonNode event : events.path("events")) {
                JsonNode usage = event.path("payload").path("usage");
                if ("usage".equals(event.path("type").asString())) {
                    usageChunks++;
                    input += usage.path("promptTokens").asLong();
                    output += usage.path("completionTokens").asLong();
                    cost += usage.path("cost").asDouble();
                }
            }
        }
        assertThat(usageChunks).as("every job but the aborted one reported usage").isEqualTo(6);

        String range = "?window=minute&from=" + from + "&to=" + Instant.now().plus(Duration.ofMinutes(2));
        long expectedInput = input;
        await().atMost(PATIENCE).until(() -> totals(user, range).path("gen_ai.usage.input_tokens").asLong() == expectedInput
                && totals(user, range).path("jobs").path("aborted").asLong() == 1);
        JsonNode totals = totals(user, range);
        assertThat(totals.path("gen_ai.usage.output_tokens").asLong()).isEqualTo(output);
        assertThat(totals.path("tributary.usage.cost").asDouble()).isCloseTo(cost, within(1e-9));
        assertThat(totals.path("jobs").path("completed").asLong()).isEqualTo(6);
        assertThat(totals.path("jobs").path("with_usage").asLong()).isEqualTo(6);
        assertThat(totals.path("gen_ai.client.operation.duration").path("count").asLong()).isEqualTo(7);
        JsonNode day = totals(user, "?window=day&from=" + from);
        assertThat(day.path("gen_ai.usage.input_tokens").asLong()).as("the day holds the same jobs").isEqualTo(input);
    }

    /**
     * Every recorded provider transcript, replayed by the simulator through the whole stack: its bytes come
     * back from {@code /raw} as they were sent, and the usage it reports (only some report one) is what
     * {@code /api/usage} counts, reasoning and cached tokens included.
     */
    @Test
    void shouldGiveBackEachTranscriptAndCountTheUsageItReports() throws Exception {
        TributaryClient user = TributaryClient.freshUser(stack, "transcripts");
        Instant from = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        List<Path> transcripts;
        try (Stream<Path> files = Files.list(TributaryStack.fixtures())) {
            transcripts = files.filter(file -> file.toString().endsWith(".sse")).sorted().toList();
        }
        assertThat(transcripts).hasSizeGreaterThanOrEqualTo(5);
        long input = 0;
        long output = 0;
        long reasoning = 0;
        long cached = 0;
        int withUsage = 0;
        for (Path transcript : transcripts) {
            String name = transcript.getFileName().toString().replace(".sse", "");
            ObjectNode request = (ObjectNode) TributaryClient.JSON.readTree(JobRequest.of("transcript " + name, 1, 1).background());
            request.put("model", "transcript/" + name);
            String job = user.startJob(TributaryClient.JSON.writeValueAsString(request));
            await().atMost(PATIENCE).until(() -> !"streaming".equals(
                    TributaryClient.JSON.readTree(user.status(job).body()).path("status").asString()));
            byte[] recorded = Files.readAllBytes(transcript);

            HttpResponse<byte[]> raw = user.getBytes("/api/jobs/" + job + "/raw");

            assertThat(raw.statusCode()).as(name).isEqualTo(200);
            assertThat(new String(raw.body(), StandardCharsets.UTF_8)).as(name)
                    .isEqualTo(new String(recorded, StandardCharsets.UTF_8));
            assertThat(raw.body()).as(name).isEqualTo(recorded);
            for (JsonNode usage : usageChunks(recorded)) {
                withUsage++;
                input += usage.path("prompt_tokens").asLong();
                output += usage.path("completion_tokens").asLong();
                reasoning += usage.path("completion_tokens_details").path("reasoning_tokens").asLong();
                cached += usage.path("prompt_tokens_details").path("cached_tokens").asLong();
            }
        }
        assertThat(withUsage).as("some transcript reports usage").isPositive();

        String range = "?window=minute&from=" + from + "&to=" + Instant.now().plus(Duration.ofMinutes(2));
        long expectedInput = input;
        await().atMost(PATIENCE).until(() -> totals(user, range).path("gen_ai.usage.input_tokens").asLong() == expectedInput
                && totals(user, range).path("gen_ai.client.operation.duration").path("count").asLong() == transcripts.size());
        JsonNode totals = totals(user, range);
        assertThat(totals.path("gen_ai.usage.output_tokens").asLong()).isEqualTo(output);
        assertThat(totals.path("gen_ai.usage.reasoning.output_tokens").asLong()).isEqualTo(reasoning);
        assertThat(totals.path("gen_ai.usage.cache_read.input_tokens").asLong()).isEqualTo(cached);
        assertThat(totals.path("jobs").path("with_usage").asLong()).isEqualTo(withUsage);
    }

    /** The usage objects of a transcript's data lines, as the provider sent them. */
    private static List<JsonNode> usageChunks(byte[] transcript) {
        List<JsonNode> usages = new ArrayList<>();
        for (String line : new String(transcript, StandardCharsets.UTF_8).split("\r\n|\r|\n")) {
            if (line.startsWith("data:") && !line.contains("[DONE]")) {
                JsonNode usage = TributaryClient.JSON.readTree(line.substring("data:".length()).strip()).path("usage");
                if (usage.isObject()) {
                    usages.add(usage);
                }
            }
        }
        return usages;
    }

    private static JsonNode totals(TributaryClient user, String query) throws Exception {
        return TributaryClient.JSON.readTree(user.get("/api/usage" + query).body()).path("totals");
    }
}
