package io.tributary.gateway.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tributary.gateway.support.RunningGateway;
import io.tributary.gateway.support.SharedBroker;
import org.junit.jupiter.api.Test;

/**
 * The Durable Streams conformance suite ({@code @durable-streams/server-conformance-tests}, pinned in
 * {@code conformance/package.json}) against this gateway on a real broker, as its CI run: anonymous
 * access opened for {@code /v1/stream/**} (the suite sends no token), any origin for CORS (it sends
 * preflights from one), a long-poll timeout of 3 s (the suite waits for a 204 within its own timeout).
 * Needs node 18 or later and npm ({@code .ci/run} installs them); {@code conformance/run.sh} installs
 * the suite. Prints the suite's summary and every failure; the bar is 330 of 338.
 */
class DurableStreamsConformanceIT {

    private static final Path RUNNER = Path.of("..", "conformance", "run.sh");
    private static final Path REPORT = Path.of("target", "conformance-report.json");
    private static final Pattern SUMMARY = Pattern.compile(
            "CONFORMANCE passed=(\\d+) failed=(\\d+) skipped=(\\d+) total=(\\d+)");
    private static final int BAR = 330;

    @Test
    void shouldPassTheProtocolsConformanceSuite() throws IOException, InterruptedException {
        try (RunningGateway gateway = RunningGateway.start(SharedBroker.bootstrapServers(), Map.of(
                "tributary.security.anonymous-paths", "/v1/stream/**",
                "tributary.security.cors.allowed-origins", "*",
                "tributary.streams.long-poll-timeout", "3s"))) {
            Process suite = new ProcessBuilder("bash", RUNNER.toString(), "http://127.0.0.1:" + gateway.port(),
                    REPORT.toAbsolutePath().toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(suite.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(suite.waitFor(10, TimeUnit.MINUTES)).isTrue();
            List<String> summary = output.lines()
                    .filter(line -> line.startsWith("CONFORMANCE ") || line.startsWith("FAILED ") || line.startsWith("wall time"))
                    .toList();
            summary.forEach(line -> System.out.println("[durable-streams conformance] " + line));
            assertThat(suite.exitValue()).as("the suite ran:%n%s", output).isZero();

            Matcher counts = summary.stream().map(SUMMARY::matcher).filter(Matcher::matches).findFirst()
                    .orElseThrow(() -> new AssertionError("No summary in:\n" + output));
            assertThat(Integer.parseInt(counts.group(1))).as("tests passed; failures:%n%s", String.join("\n", summary))
                    .isGreaterThanOrEqualTo(BAR);
        }
    }
}
