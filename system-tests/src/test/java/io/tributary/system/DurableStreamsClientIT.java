package io.tributary.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Durable Streams protocol's own JavaScript client ({@code @durable-streams/client}, pinned in
 * {@code conformance/package.json}) follows a job of the whole stack at {@code /v1/stream/jobs/{id}}:
 * from the start while the upstream is still streaming, live over SSE, until the terminal event closes
 * the stream; what it read is the job's content exactly. Needs node and npm ({@code .ci/run} installs
 * them); {@code conformance/install.sh} installs the client.
 */
class DurableStreamsClientIT {

    private static final Path CONFORMANCE = Path.of("..", "conformance").toAbsolutePath().normalize();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static TributaryStack stack;

    @BeforeAll
    static void prepare() throws Exception {
        ExternalCommand install = run(List.of("bash", "install.sh"), Duration.ofMinutes(5));
        assertThat(install.exitCode()).as("install.sh: %s", install.output()).isZero();
        stack = TributaryStack.shared();
    }

    @Test
    void shouldFollowALiveJobToItsEndWithTheProtocolsOwnClient() throws Exception {
        TributaryClient user = TributaryClient.freshUser(stack, "durable-streams");
        String job = user.startJob(JobRequest.of("followed by a Durable Streams client", 12, 100));

        ExternalCommand follower = run(List.of("node", "follow-job.mjs", user.gateway().url() + "/v1/stream/jobs/" + job,
                user.token()), Duration.ofMinutes(2));

        assertThat(follower.exitCode()).as(follower.output()).isZero();
        JsonNode read = TributaryClient.JSON.readTree(follower.stdout());
        await().atMost(PATIENCE).until(() -> "complete".equals(
                TributaryClient.JSON.readTree(user.status(job).body()).path("status").asString()));
        JsonNode status = TributaryClient.JSON.readTree(user.status(job).body());
        assertThat(read.path("text").asString()).isEqualTo(status.path("content").asString()).isNotEmpty();
        List<String> types = read.path("types").valueStream().map(JsonNode::asString).toList();
        assertThat(types.get(0)).isEqualTo("started");
        assertThat(types.get(types.size() - 1)).isEqualTo("completed");
        assertThat(read.path("offset").asString()).isEqualTo(String.format("%016d_%016d", 0, types.size()));
    }

    private static ExternalCommand run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        return ExternalCommand.run(command, CONFORMANCE, timeout);
    }
}
