package io.tributary.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A W3C trace context travels with a job: the request that starts it sends a {@code traceparent}, the
 * ingest's span for the job continues that trace, every record of the job carries it, and the gateway
 * gives it back with each of the job's events.
 */
class JobTraceIT {

    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static TributaryStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        stack = TributaryStack.shared();
    }

    @Test
    void shouldCarryTheCallersTraceFromTheRequestThroughTheLogToTheGateway() throws Exception {
        TributaryClient user = TributaryClient.freshUser(stack, "traced");
        HttpResponse<String> started = user.postToIngest(JobRequest.of("traced", 5, 10).background(),
                "traceparent", "00-" + TRACE_ID + "-b7ad6b7169203331-01");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String jobId = TributaryClient.JSON.readTree(started.body()).path("jobId").asString();
        await().atMost(PATIENCE).until(() -> TributaryClient.JSON.readTree(
                user.get("/api/jobs/" + jobId + "/events").body()).path("ended").asBoolean());

        JsonNode events = TributaryClient.JSON.readTree(user.get("/api/jobs/" + jobId + "/events").body()).path("events");

        assertThat(events.size()).isGreaterThan(2);
        String traceparent = events.get(0).path("traceparent").asString();
        assertThat(traceparent).matches("00-" + TRACE_ID + "-[0-9a-f]{16}-01").doesNotContain("b7ad6b7169203331");
        events.forEach(event -> assertThat(event.path("traceparent").asString()).isEqualTo(traceparent));
    }
}
