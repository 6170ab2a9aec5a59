package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.ingest.lease.LeasePublisher;
import io.tributary.ingest.testing.ExpectedJob;
import io.tributary.ingest.testing.JobEventLog;
import io.tributary.ingest.testing.LeaseLog;
import io.tributary.ingest.testing.ScriptedUpstream;
import io.tributary.ingest.testing.StandaloneIngest;
import io.tributary.schema.FailureReason;
import io.tributary.schema.InstanceLease;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobEventType;
import io.tributary.schema.LeaseStatus;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * The liveness lease on {@code ingest.leases}: renewed while an instance runs, STOPPED after an
 * orderly shutdown has ended its jobs, and the self-fencing of an instance that cannot renew it.
 * The last two run extra ingest instances in this JVM with short lease timings.
 */
class LeaseIT extends AbstractIngestIT {

    private static final Duration LEASE = Duration.ofMillis(1500);
    private static final Duration SAFETY_MARGIN = Duration.ofMillis(500);
    private static final Map<String, String> SHORT_LEASE = Map.of(
            "tributary.ingest.lease.renew-interval", "200ms",
            "tributary.ingest.lease.duration", LEASE.toMillis() + "ms",
            "tributary.ingest.lease.safety-margin", SAFETY_MARGIN.toMillis() + "ms");

    @Autowired
    private LeasePublisher leasePublisher;

    @Test
    void shouldRenewTheLeaseOfARunningInstanceOnTheTopic() {
        // The configured id, or its next incarnation when this test's application context was paused and restarted.
        String instanceId = leasePublisher.instanceId();
        assertThat(instanceId).startsWith(INSTANCE_ID);
        LeaseLog leases = new LeaseLog(bootstrapServers());
        int before = leases.leasesOf(instanceId).size();

        // Renewed every 2 s, valid 30 s (the defaults): two more within 5 s.
        await().atMost(Duration.ofSeconds(5)).until(() -> leases.leasesOf(instanceId).size() >= before + 2);

        List<InstanceLease> all = leases.leasesOf(instanceId);
        assertThat(all).allSatisfy(lease -> {
            assertThat(lease.getInstanceId()).isEqualTo(instanceId);
            assertThat(lease.getStatus()).isEqualTo(LeaseStatus.ALIVE);
            assertThat(Duration.between(lease.getRenewedAt(), lease.getExpiresAt())).isEqualTo(Duration.ofSeconds(30));
        });
        assertThat(all).extracting(InstanceLease::getRenewedAt).isSorted().doesNotHaveDuplicates();
        // Each a CloudEvent in binary mode, of its own id.
        List<Headers> headers = leases.headersOf(instanceId);
        assertThat(headers).allSatisfy(record -> {
            assertThat(header(record, "ce_type")).isEqualTo("io.tributary.ingest.lease");
            assertThat(header(record, "ce_source")).isEqualTo("/tributary/ingest");
            assertThat(header(record, "ce_subject")).isEqualTo(instanceId);
            assertThat(header(record, "content-type"))
                    .isEqualTo("application/avro; schema=io.tributary.schema.InstanceLease; encoding=single-object");
        });
        assertThat(headers).extracting(record -> header(record, "ce_id")).doesNotHaveDuplicates();
    }

    private static String header(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void shouldEndItsJobsAndThenWriteAStoppedLeaseOnAnOrderlyShutdown() throws InterruptedException {
        String name = "ingest-stopping-it";
        String model = uniqueModel("running-at-shutdown");
        CountDownLatch upstreamClosed = new CountDownLatch(1);
        UPSTREAM.on(model, ScriptedUpstream.endless(content("partial"), content(" more"), 100, upstreamClosed));
        String jobId;
        String instanceId;
        try (StandaloneIngest ingest = StandaloneIngest.start(name, bootstrapServers(), UPSTREAM.baseUrl(),
                SHORT_LEASE)) {
            // The name with this start's own suffix: a restart under the same name never shares its lease.
            instanceId = ingest.bean(LeasePublisher.class).instanceId();
            assertThat(instanceId).startsWith(name + "-");
            jobId = start(ingest, "stan", model);
            new JobEventLog(bootstrapServers()).awaitFirst(jobId, JobEventType.TEXT_DELTA, JOB_TIMEOUT);
        }

        assertThat(upstreamClosed.await(5, TimeUnit.SECONDS)).as("upstream closed").isTrue();
        List<JobEvent> events = awaitEnded(jobId);
        ExpectedJob.assertWellFormed(events);
        assertThat(ExpectedJob.fold(events).getFailure().getReason()).isEqualTo(FailureReason.INTERRUPTED);
        assertThat(ExpectedJob.fold(events).getContent()).startsWith("partial");
        List<InstanceLease> leases = new LeaseLog(bootstrapServers()).leasesOf(instanceId);
        InstanceLease last = leases.get(leases.size() - 1);
        assertThat(last.getStatus()).isEqualTo(LeaseStatus.STOPPED);
        assertThat(last.getExpiresAt()).isEqualTo(last.getRenewedAt());
        assertThat(last.getRenewedAt()).isAfterOrEqualTo(events.get(events.size() - 1).getTimestamp());
        assertThat(leases.subList(0, leases.size() - 1)).isNotEmpty()
                .allSatisfy(lease -> assertThat(lease.getStatus()).isEqualTo(LeaseStatus.ALIVE));
    }

    @Test
    void shouldStopWritingItsJobsBeforeItsLeaseExpiresWhenItCannotRenewIt() throws InterruptedException {
        String name = "ingest-fencing-it";
        String model = uniqueModel("running-when-fenced");
        CountDownLatch upstreamClosed = new CountDownLatch(1);
        UPSTREAM.on(model, ScriptedUpstream.endless(content("partial"), content(" more"), 50, upstreamClosed));
        // A job that writes nothing when the lease is lost: only the fence timer can stop it.
        String quietModel = uniqueModel("quiet-when-fenced");
        CountDownLatch speakAgain = new CountDownLatch(1);
        CountDownLatch quietUpstreamClosed = new CountDownLatch(1);
        UPSTREAM.on(quietModel, ScriptedUpstream.silentAfter(content("quiet"), speakAgain, quietUpstreamClosed));
        LeaseLog leaseLog = new LeaseLog(bootstrapServers());
        try (StandaloneIngest ingest = StandaloneIngest.start(name, bootstrapServers(), UPSTREAM.baseUrl(),
                SHORT_LEASE)) {
            String instanceId = ingest.bean(LeasePublisher.class).instanceId();
            String jobId = start(ingest, "fern", model);
            String quietJob = start(ingest, "fern", quietModel);
            new JobEventLog(bootstrapServers()).awaitFirst(jobId, JobEventType.TEXT_DELTA, JOB_TIMEOUT);
            new JobEventLog(bootstrapServers()).awaitFirst(quietJob, JobEventType.TEXT_DELTA, JOB_TIMEOUT);
            MeterRegistry meters = ingest.bean(MeterRegistry.class);

            ingest.leaseWriter().cutOff(true);

            // The jobs keep running until the instance fences itself, about a second later.
            assertThat(upstreamClosed.await(5, TimeUnit.SECONDS)).as("upstream closed").isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    meters.get("tributary.ingest.jobs.ended").tag("outcome", "fenced").counter().count() == 2.0);
            speakAgain.countDown();
            assertThat(quietUpstreamClosed.await(5, TimeUnit.SECONDS)).as("quiet upstream closed").isTrue();
            assertThat(readFor(quietJob, Duration.ofMillis(500))).extracting(JobEvent::getType)
                    .containsExactly(JobEventType.STARTED, JobEventType.TEXT_DELTA);
            List<InstanceLease> leases = leaseLog.leasesOf(instanceId);
            InstanceLease lastAcknowledged = leases.get(leases.size() - 1);
            Instant fenceTime = lastAcknowledged.getExpiresAt().minus(SAFETY_MARGIN);
            List<JobEvent> events = readFor(jobId, Duration.ofSeconds(1));
            assertThat(events).extracting(JobEvent::getType).contains(JobEventType.TEXT_DELTA)
                    .doesNotContain(JobEventType.COMPLETED, JobEventType.FAILED, JobEventType.ABORTED);
            assertThat(events).allSatisfy(event -> assertThat(event.getTimestamp()).isBefore(fenceTime));
            // Still cut off: no new job either, and the answer says when to come back.
            post(ingest, "fern", uniqueModel("while-fenced"))
                    .expectStatus().isEqualTo(503)
                    .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                    .expectBody().jsonPath("$.error").isEqualTo("The ingest service cannot start jobs right now; try again later");

            ingest.leaseWriter().cutOff(false);

            // Back under a new id; the fenced one is never renewed again, so the processor sees it expire.
            await().atMost(Duration.ofSeconds(5)).until(() -> !leaseLog.leasesOf(instanceId + "-2").isEmpty());
            String model2 = uniqueModel("after-fencing");
            UPSTREAM.on(model2, ScriptedUpstream.stream(bytes("data: {\"choices\":[{\"delta\":{\"content\":\"back\"}}]}\n\n"
                    + "data: [DONE]\n\n")));
            String laterJob = start(ingest, "fern", model2);
            assertThat(awaitEnded(laterJob).get(0).getStarted().getIngestInstanceId()).isEqualTo(instanceId + "-2");
            assertThat(leaseLog.leasesOf(instanceId)).last().isEqualTo(lastAcknowledged);
            assertThat(meters.get("tributary.ingest.lease.fenced").counter().count()).isEqualTo(1.0);
            assertThat(meters.get("tributary.ingest.lease.renewals").tag("result", "failed").counter().count())
                    .isPositive();
            assertThat(meters.get("tributary.ingest.jobs.ended").tag("outcome", "fenced").counter().count())
                    .isEqualTo(2.0);
        }
    }

    /** Starts a background job on that instance; returns its jobId. */
    private String start(StandaloneIngest ingest, String user, String model) {
        byte[] answer = post(ingest, user, model)
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBodyContent();
        JsonNode json = JSON.readTree(answer);
        return json.path("jobId").asString();
    }

    private WebTestClient.ResponseSpec post(StandaloneIngest ingest, String user, String model) {
        return WebTestClient.bindToServer().baseUrl(ingest.baseUrl()).responseTimeout(Duration.ofSeconds(20)).build()
                .post().uri("/api/openrouter/stream")
                .header(HttpHeaders.AUTHORIZATION, bearer(user))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body(model, background("t", "m")))
                .exchange();
    }

    private static byte[] content(String text) {
        return bytes("data: {\"choices\":[{\"delta\":{\"content\":\"" + text + "\"}}]}\n\n");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
