package io.tributary.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.tributary.gateway.support.ControlLog;
import io.tributary.gateway.support.JobLog;
import io.tributary.gateway.support.Payloads;
import io.tributary.gateway.support.RunningGateway;
import io.tributary.gateway.support.SharedBroker;
import io.tributary.gateway.support.SseClient;
import io.tributary.gateway.support.SseParser.Event;
import io.tributary.gateway.support.TestEvents;
import io.tributary.gateway.support.Tokens;
import io.tributary.schema.CommandType;
import io.tributary.schema.JobCommand;
import io.tributary.schema.JobEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/jobs/{id}/abort} over real HTTP with real tokens: the command it writes is read back
 * from {@code jobs.control} on a real broker, as the ingest that runs the job would read it.
 */
class JobAbortIT {

    private static final String ABORTS = "tributary.gateway.aborts.requested";

    private static JobLog log;
    private static ControlLog control;
    private static RunningGateway gateway;
    private static SseClient client;

    private final String alice = Tokens.forUser("alice");

    @BeforeAll
    static void start() {
        log = new JobLog(SharedBroker.bootstrapServers());
        control = new ControlLog(SharedBroker.bootstrapServers());
        gateway = RunningGateway.start(SharedBroker.bootstrapServers(), Map.of());
        client = new SseClient(gateway.port());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        control.close();
        log.close();
    }

    @Test
    void shouldWriteExactlyOneAbortCommandForAStreamingJobAndAnswerAborted() {
        TestEvents job = newJob();
        log.append(job.started("alice"), job.text(1, "Hello"));
        awaitStateRead(job, 1);
        double sent = gateway.counter(ABORTS, "outcome", "sent");
        Instant before = Instant.now().minusMillis(1);

        SseClient.Response response = client.post(abortOf(job), alice);

        Instant after = Instant.now().plusMillis(1);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(Payloads.json(response.body()).propertyNames()).containsExactly("aborted");
        assertThat(Payloads.json(response.body()).path("aborted").asBoolean()).isTrue();
        List<ControlLog.Written> commands = control.commandsOf(job.jobId());
        assertThat(commands).hasSize(1);
        ControlLog.Written written = commands.get(0);
        assertThat(written.key()).isEqualTo(job.jobId());
        // Keyed by jobId on a topic with the same partition count: the partition of the job's events.
        assertThat(written.partition()).isEqualTo(log.partition(job.jobId()));
        JobCommand command = written.command();
        assertThat(command.getJobId()).isEqualTo(job.jobId());
        assertThat(command.getType()).isEqualTo(CommandType.ABORT);
        assertThat(command.getReason()).isEqualTo("user");
        assertThat(command.getRequestedBy()).isEqualTo("alice");
        assertThat(command.getTimestamp()).isBetween(before, after);
        assertThat(gateway.counter(ABORTS, "outcome", "sent")).isEqualTo(sent + 1);
    }

    @Test
    void shouldAnswerNotAbortedWithTheOriginalsMessageForAFinishedJobAndWriteNothing() {
        for (String outcome : List.of("complete", "error", "aborted")) {
            TestEvents job = newJob();
            log.append(job.started("alice"), job.text(1, "Hi"), terminal(job, outcome, 2));
            awaitStateRead(job, 2);

            SseClient.Response response = client.post(abortOf(job), alice);

            assertThat(response.status()).as(outcome).isEqualTo(200);
            JsonNode body = Payloads.json(response.body());
            assertThat(body.path("aborted").asBoolean(true)).as(outcome).isFalse();
            assertThat(body.path("message").asString()).isEqualTo("Job not found or already complete");
            assertThat(control.commandsOf(job.jobId())).as(outcome).isEmpty();
        }
    }

    @Test
    void shouldDecideOnAnOpenTimelineThatSawTheEndBeforeJobsStateDid() {
        TestEvents job = newJob();
        log.append(job.started("alice"), job.text(1, "Hi"));
        // The processor lags: the terminal event is on jobs.deltas, the state still says streaming.
        log.appendWithoutState(job.completed(2));
        await().atMost(Duration.ofSeconds(5)).until(() -> listedAsStreaming(job));
        assertThat(Payloads.json(client.get(statusOf(job), alice).body()).path("status").asString())
                .as("no timeline open: jobs.state's word").isEqualTo("streaming");
        List<Event> watched = client.events("/api/jobs/" + job.jobId() + "/stream", alice)
                .collectList().block(Duration.ofSeconds(15));
        assertThat(Payloads.of(watched.get(watched.size() - 1)).path("status").path("status").asString())
                .isEqualTo("complete");

        JsonNode status = Payloads.json(client.get(statusOf(job), alice).body());
        assertThat(status.path("status").asString()).as("the open timeline's word").isEqualTo("complete");
        assertThat(status.path("seq").asLong()).isEqualTo(2);
        SseClient.Response response = client.post(abortOf(job), alice);

        assertThat(Payloads.json(response.body()).path("aborted").asBoolean(true)).isFalse();
        assertThat(control.commandsOf(job.jobId())).isEmpty();
    }

    @Test
    void shouldAnswerNotFoundForAnUnknownJobAndForAnotherUsersJobAlikeAndWriteNothing() {
        TestEvents job = newJob();
        log.append(job.started("alice"));
        awaitStateRead(job, 0);

        SseClient.Response foreign = client.post(abortOf(job), Tokens.forUser("bob"));
        SseClient.Response missing = client.post("/api/jobs/" + UUID.randomUUID() + "/abort", alice);

        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.contentType()).startsWith("application/json");
        assertThat(Payloads.json(foreign.body()).path("error").asString()).isEqualTo("Job not found");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo(foreign.body());
        assertThat(control.commandsOf(job.jobId())).isEmpty();
    }

    @Test
    void shouldWaitBrieflyForAJobWhoseStateIsNotPublishedYet() throws Exception {
        TestEvents job = newJob();

        CompletableFuture<SseClient.Response> asked = CompletableFuture.supplyAsync(() -> client.post(abortOf(job), alice));
        Thread.sleep(300);
        log.append(job.started("alice"));

        SseClient.Response response = asked.get(10, TimeUnit.SECONDS);
        assertThat(response.status()).isEqualTo(200);
        assertThat(Payloads.json(response.body()).path("aborted").asBoolean()).isTrue();
        assertThat(control.commandsOf(job.jobId())).hasSize(1);
    }

    @Test
    void shouldRequireAValidBearerToken() {
        TestEvents job = newJob();
        log.append(job.started("alice"));

        SseClient.Response anonymous = client.post(abortOf(job), null);
        SseClient.Response forged = client.post(abortOf(job), alice + "x");

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/json");
        assertThat(Payloads.json(anonymous.body()).path("error").asString()).isNotBlank();
        assertThat(forged.status()).isEqualTo(401);
        assertThat(control.commandsOf(job.jobId())).isEmpty();
    }

    @Test
    void shouldAnswerServiceUnavailableWhenKafkaDoesNotTakeTheCommand() throws IOException {
        TestEvents job = newJob();
        log.append(job.started("alice"));
        // A gateway that reads the real broker but whose producer points at a port where nothing listens.
        try (RunningGateway cutOff = RunningGateway.start(SharedBroker.bootstrapServers(), Map.of(
                "spring.kafka.producer.bootstrap-servers", "localhost:" + closedPort(),
                "tributary.gateway.command-timeout", "1s"))) {
            SseClient cutOffClient = new SseClient(cutOff.port());
            await().atMost(Duration.ofSeconds(5)).until(() -> cutOffClient.get(statusOf(job), alice).status() == 200);

            SseClient.Response response = cutOffClient.post(abortOf(job), alice);

            assertThat(response.status()).isEqualTo(503);
            assertThat(response.contentType()).startsWith("application/json");
            assertThat(Payloads.json(response.body()).path("error").asString()).contains("retry");
            assertThat(cutOff.counter(ABORTS, "outcome", "unavailable")).isEqualTo(1);
        }
        assertThat(control.commandsOf(job.jobId())).isEmpty();
    }

    /** Whether the job list, which answers from the gateway's view of jobs.state, has the job as streaming. */
    private boolean listedAsStreaming(TestEvents job) {
        JsonNode listed = Payloads.json(client.get("/api/jobs?status=streaming", alice).body());
        for (JsonNode summary : listed) {
            if (summary.path("id").asString().equals(job.jobId())) {
                return true;
            }
        }
        return false;
    }

    private static JobEvent terminal(TestEvents job, String outcome, long seq) {
        return switch (outcome) {
            case "complete" -> job.completed(seq);
            case "error" -> job.failed(seq, "Provider disconnected");
            default -> job.aborted(seq);
        };
    }

    /** Waits until the gateway's view holds the job's state at this seq (it follows jobs.state asynchronously). */
    private void awaitStateRead(TestEvents job, long seq) {
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            SseClient.Response status = client.get(statusOf(job), alice);
            return status.status() == 200 && Payloads.json(status.body()).path("seq").asLong() == seq;
        });
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static TestEvents newJob() {
        return new TestEvents(UUID.randomUUID().toString());
    }

    private static String abortOf(TestEvents job) {
        return "/api/jobs/" + job.jobId() + "/abort";
    }

    private static String statusOf(TestEvents job) {
        return "/api/jobs/" + job.jobId() + "/status";
    }
}
