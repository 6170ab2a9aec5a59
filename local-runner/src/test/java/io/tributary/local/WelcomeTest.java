package io.tributary.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class WelcomeTest {

    @Test
    void shouldShowTheUrlsTheTokenAndAWalkThroughOnTheConfiguredPorts() {
        LocalStackOptions options = LocalStackOptions.parse(
                List.of("--gateway-port", "18080", "--ingest-port", "18081"), Map.of(), Path.of("/p"));

        String text = Welcome.text(options, "the.token.value", Instant.parse("2030-01-02T03:04:05Z"),
                "http://localhost:8090/v1", 4242);

        assertThat(text).contains(
                "export TOKEN=the.token.value",
                "valid until 2030-01-02T03:04:05Z",
                "curl -s http://localhost:18081/api/openrouter/stream",
                "-d '" + Welcome.EXAMPLE_BODY + "'",
                "curl -N -H \"Authorization: Bearer $TOKEN\" http://localhost:18080/api/jobs/$JOB/stream",
                "-H 'Last-Event-ID: 5' http://localhost:18080/api/jobs/$JOB/stream",
                "http://localhost:18080/api/jobs/$JOB/status",
                "sed -E 's/.*\"jobId\":\"([^\"]+)\".*/\\1/'",
                "/p/.local/logs",
                "kill 4242");
    }

    @Test
    void shouldStartTheExampleJobInTheBackgroundOnTheSimulator() {
        assertThat(Welcome.EXAMPLE_BODY).isEqualTo("{\"model\":\"simulator/echo\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"Hello\"}],\"_background\":true,\"_threadId\":\"t1\",\"_messageId\":\"m1\"}");
    }
}
