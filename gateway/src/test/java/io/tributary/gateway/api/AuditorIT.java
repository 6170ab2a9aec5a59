package io.tributary.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tributary.gateway.support.GatewayWithJobLog;
import io.tributary.gateway.support.Payloads;
import io.tributary.gateway.support.SharedBroker;
import io.tributary.gateway.support.SseClient;
import io.tributary.gateway.support.TestEvents;
import io.tributary.gateway.support.Tokens;
import io.tributary.gateway.support.TopicContents;
import io.tributary.schema.AuditAccess;
import io.tributary.schema.JobEvent;
import io.tributary.schema.topic.Topics;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Auditors against a real broker: a token whose {@code scope} holds {@code tributary:audit} reads any
 * user's job (status, events, raw, replay, the listing by time with {@code user=}) and never writes; each
 * such read leaves exactly one record on {@code audit.access}, which auditors list and nobody else
 * reaches; an ordinary user reaches no other user's job through any of these endpoints.
 */
class AuditorIT extends GatewayWithJobLog {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Map<String, String> SSE = Map.of("Accept", "text/event-stream");


    @Test
    void shouldLetAnAuditorReadAnyJobAndRecordEachReadExactlyOnce() {
        String auditor = "auditor-" + UUID.randomUUID();
        String token = Tokens.withScope(auditor, "openid tributary:audit");
        String owner = "owner-" + UUID.randomUUID();
        Instant before = Instant.now().minusMillis(5);
        TestEvents job = new TestEvents(UUID.randomUUID().toString());
        JobEvent captured = job.text(1, "private words");
        captured.setRaw(ByteBuffer.wrap("data: private words\n\n".getBytes(StandardCharsets.UTF_8)));
        log.append(job.started(owner), captured, job.completed(2));
        Instant after = Instant.now().plusMillis(5);
        await().atMost(WAIT).until(() -> client.get(path(job, "/status"), Tokens.forUser(owner)).status() == 200);

        SseClient.Response status = client.get(path(job, "/status"), token);
        SseClient.Response events = client.get(path(job, "/events"), token);
        SseClient.Response replay = client.get(path(job, "/stream?replay=max"), token, SSE);
        SseClient.Response raw = client.get(path(job, "/raw"), token);
        SseClient.Response listing = client.get("/api/jobs?from=" + before + "&to=" + after + "&user=" + owner, token);
        SseClient.Response missing = client.get("/api/jobs/" + UUID.randomUUID() + "/events", token);

        assertThat(status.status()).isEqualTo(200);
        assertThat(Payloads.json(status.body()).path("content").asString()).isEqualTo("private words");
        assertThat(Payloads.json(events.body()).path("events").size()).isEqualTo(3);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.body()).contains("private words");
        assertThat(raw.status()).isEqualTo(200);
        assertThat(raw.body()).isEqualTo("data: private words\n\n");
        assertThat(Payloads.json(listing.body()).path("jobs").get(0).path("id").asString()).isEqualTo(job.jobId());
        assertThat(missing.status()).isEqualTo(404);

        List<TopicContents.Entry<AuditAccess>> written = TopicContents.withKey(SharedBroker.bootstrapServers(),
                Topics.AUDIT_ACCESS, auditor);
        List<AuditAccess> records = written.stream().map(TopicContents.Entry::value).toList();
        // Each record is a CloudEvent in binary mode, of its own id.
        assertThat(written).allSatisfy(entry -> {
            assertThat(entry.headers()).containsEntry("ce_specversion", "1.0")
                    .containsEntry("ce_type", "io.tributary.audit.access")
                    .containsEntry("ce_source", "/tributary/gateway")
                    .containsEntry("ce_subject", auditor)
                    .containsEntry("content-type",
                            "application/avro; schema=io.tributary.schema.AuditAccess; encoding=single-object");
        });
        assertThat(written).extracting(entry -> entry.headers().get("ce_id")).doesNotHaveDuplicates().doesNotContainNull();
        assertThat(records).extracting(AuditAccess::getEndpoint)
                .containsExactly("status", "events", "replay", "raw", "jobs-by-time", "events");
        assertThat(records).extracting(AuditAccess::getStatus).containsExactly(200, 200, 200, 200, 200, 404);
        assertThat(records.subList(0, 4)).allSatisfy(record -> {
            assertThat(record.getResource()).isEqualTo("job:" + job.jobId());
            assertThat(record.getUserId()).isEqualTo(owner);
        });
        assertThat(records.get(4).getResource()).isEqualTo("user:" + owner);
        assertThat(records).extracting(AuditAccess::getId).doesNotHaveDuplicates();

        JsonNode listed = Payloads.json(client.get("/api/audit/access?from=" + before + "&to="
                + Instant.now().plusSeconds(1), token).body());
        assertThat(listed.path("records").findValuesAsString("auditor")).filteredOn(auditor::equals).hasSize(6);
    }

    @Test
    void shouldNeverLetAnAuditorWriteNorAUserReachAnotherUsersJob() {
        String owner = "owner-" + UUID.randomUUID();
        TestEvents job = new TestEvents(UUID.randomUUID().toString());
        log.append(job.started(owner), job.text(1, "mine"));
        await().atMost(WAIT).until(() -> client.get(path(job, "/status"), Tokens.forUser(owner)).status() == 200);
        String auditor = Tokens.withScope("auditor-" + UUID.randomUUID(), "tributary:audit");
        String stranger = Tokens.forUser("stranger-" + UUID.randomUUID());
        String almostAuditor = Tokens.withScope("pretender-" + UUID.randomUUID(), "tributary:auditor openid");

        assertThat(client.post(path(job, "/abort"), auditor).status()).isEqualTo(404);
        assertThat(client.post(path(job, "/stream-token"), auditor).status()).isEqualTo(404);
        assertThat(client.get(path(job, "/stream"), auditor, SSE).status()).isEqualTo(404);
        for (String token : List.of(stranger, almostAuditor)) {
            for (String endpoint : List.of("/status", "/events", "/raw", "/stream?replay=max", "/stream")) {
                SseClient.Response response = client.get(path(job, endpoint), token, SSE);
                assertThat(response.status()).as(endpoint).isEqualTo(404);
                assertThat(response.body()).as(endpoint).doesNotContain("mine");
            }
            Instant now = Instant.now();
            assertThat(client.get("/api/jobs?from=" + now.minusSeconds(60) + "&user=" + owner, token).status())
                    .isEqualTo(404);
            assertThat(client.get("/api/audit/access?from=" + now.minusSeconds(60), token).status()).isEqualTo(404);
        }
    }

    private static String path(TestEvents job, String endpoint) {
        return "/api/jobs/" + job.jobId() + endpoint;
    }
}
