package io.tributary.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A second team's consumer, in Python ({@code examples/python-consumer}: confluent-kafka and fastavro,
 * no Tributary code), reads {@code jobs.deltas} of the real stack from a timestamp, decodes the Avro
 * single-object encoding with the shipped schemas, rebuilds the jobs and prints token totals; its
 * totals for a user equal what {@code /api/usage} says for the same jobs. Its own unit tests run first.
 * The Python environment is made by the example's {@code setup-env.sh}, which installs what a fresh
 * machine lacks.
 */
class PythonConsumerIT {

    private static final Path EXAMPLE = Path.of("..", "examples", "python-consumer").toAbsolutePath().normalize();
    private static final Path PYTHON = EXAMPLE.resolve(".venv/bin/python");
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static TributaryStack stack;

    @BeforeAll
    static void prepare() throws Exception {
        ExternalCommand setup = run(List.of("bash", EXAMPLE.resolve("setup-env.sh").toString()), Duration.ofMinutes(5));
        assertThat(setup.exitCode()).as("setup-env.sh: %s", setup.output()).isZero();
        stack = TributaryStack.shared();
    }

    @Test
    void shouldPassItsOwnUnitTests() throws Exception {
        ExternalCommand tests = run(List.of(PYTHON.toString(), "-m", "unittest"), Duration.ofMinutes(2));

        assertThat(tests.exitCode()).as(tests.output()).isZero();
        assertThat(tests.output()).contains("OK");
    }

    @Test
    void shouldCountTheSameTokensPerUserAsTheUsageApi() throws Exception {
        TributaryClient user = TributaryClient.freshUser(stack, "python");
        Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            jobs.add(user.startJob(JobRequest.of("counted by another team " + i, 10 + i, 10)));
        }
        for (String job : jobs) {
            await().atMost(PATIENCE).until(() -> !"streaming".equals(
                    TributaryClient.JSON.readTree(user.status(job).body()).path("status").asString()));
        }
        String range = "?window=minute&from=" + from.truncatedTo(ChronoUnit.MINUTES) + "&to="
                + Instant.now().plus(Duration.ofMinutes(2));
        await().atMost(PATIENCE).until(() -> usageTotals(user, range).path("jobs").path("completed").asLong() == jobs.size());
        JsonNode usage = usageTotals(user, range);

        ExternalCommand consumer = run(List.of(PYTHON.toString(), "tributary_consumer.py", "--bootstrap-servers",
                stack.bootstrapServers(), "--from", from.toString(), "--json", "--idle-timeout", "20"), Duration.ofMinutes(2));

        assertThat(consumer.exitCode()).as(consumer.output()).isZero();
        JsonNode totals = TributaryClient.JSON.readTree(consumer.stdout());
        JsonNode mine = totals.path("users").path(user.user());
        assertThat(mine.path("jobs").asLong()).as(consumer.output()).isEqualTo(jobs.size());
        assertThat(mine.path("completed").asLong()).isEqualTo(jobs.size());
        assertThat(mine.path("input_tokens").asLong()).isEqualTo(usage.path("gen_ai.usage.input_tokens").asLong())
                .isPositive();
        assertThat(mine.path("output_tokens").asLong()).isEqualTo(usage.path("gen_ai.usage.output_tokens").asLong());
        assertThat(mine.path("cost").asDouble()).isCloseTo(usage.path("tributary.usage.cost").asDouble(), within(1e-9));
        assertThat(totals.path("skipped_records").asLong()).as("every record decodes").isZero();
    }

    private static JsonNode usageTotals(TributaryClient user, String query) throws Exception {
        return TributaryClient.JSON.readTree(user.get("/api/usage" + query).body()).path("totals");
    }

    private static ExternalCommand run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        return ExternalCommand.run(command, EXAMPLE, timeout);
    }
}
