package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.tributary.ingest.testing.JobEventLog;
import io.tributary.ingest.testing.ScriptedUpstream;
import io.tributary.schema.JobEvent;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * A job's trace: every record of a job carries one W3C {@code traceparent}, the job's own span, which
 * continues the trace of the request that started the job when it sent one, and starts a trace of its
 * own otherwise; an invalid one is not passed on.
 */
class JobTraceIT extends AbstractIngestIT {

    private static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER = "00-" + CALLER_TRACE + "-00f067aa0ba902b7-01";
    private static final String CHUNKS = "data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\ndata: [DONE]\n\n";

    @Test
    void shouldCarryTheJobsSpanContinuingTheCallersTraceOnEveryRecord() {
        String jobId = start(CALLER);

        List<String> traceparents = traceparents(jobId);

        assertThat(traceparents).hasSize(3).containsOnly(traceparents.get(0));
        String[] parts = traceparents.get(0).split("-");
        assertThat(parts[0]).isEqualTo("00");
        assertThat(parts[1]).as("the caller's trace").isEqualTo(CALLER_TRACE);
        assertThat(parts[2]).as("the job's own span, a child of the caller's").isNotEqualTo("00f067aa0ba902b7").hasSize(16);
        assertThat(parts[3]).as("the caller's sampling decision").isEqualTo("01");
    }

    @Test
    void shouldStartATraceOfItsOwnForAJobWhoseRequestHadNoneOrAnInvalidOne() {
        String first = start(null);
        String second = start("00-00000000000000000000000000000000-00f067aa0ba902b7-01");

        String firstTrace = traceparents(first).get(0);
        String secondTrace = traceparents(second).get(0);

        assertThat(firstTrace).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        assertThat(secondTrace).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]").doesNotContain("0000000000000000");
        assertThat(firstTrace.split("-")[1]).isNotEqualTo(secondTrace.split("-")[1]);
    }

    private String start(String traceparent) {
        String model = uniqueModel("trace");
        UPSTREAM.on(model, ScriptedUpstream.stream(CHUNKS.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        var request = client().post().uri("/api/openrouter/stream")
                .header(HttpHeaders.AUTHORIZATION, bearer("alice"))
                .contentType(MediaType.APPLICATION_JSON);
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        byte[] answer = request.bodyValue(body(model, background("thread-trace", "m-1"))).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBodyContent();
        String jobId = JSON.readTree(answer).path("jobId").asString();
        List<JobEvent> events = awaitEnded(jobId);
        assertThat(events).hasSize(3);
        return jobId;
    }

    private List<String> traceparents(String jobId) {
        return new JobEventLog(bootstrapServers()).traceparents(jobId);
    }
}
