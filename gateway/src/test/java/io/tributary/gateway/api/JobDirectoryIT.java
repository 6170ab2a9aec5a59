package io.tributary.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.tributary.gateway.support.ControlLog;
import io.tributary.gateway.support.GatewayWithJobLog;
import io.tributary.gateway.support.Payloads;
import io.tributary.gateway.support.RunningGateway;
import io.tributary.gateway.support.SharedBroker;
import io.tributary.gateway.support.SseClient;
import io.tributary.gateway.support.SseParser.Event;
import io.tributary.gateway.support.TestEvents;
import io.tributary.gateway.support.Tokens;
import io.tributary.schema.CommandType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The processor away: jobs whose state is never published on {@code jobs.state}, known to the gateway
 * only because its live tail read their {@code STARTED} event. They are streamed, resumed, asked for
 * their status, given stream tokens and aborted, all from the log alone.
 */
class JobDirectoryIT extends GatewayWithJobLog {

    private static final Duration WAIT = Duration.ofSeconds(15);


    private final String alice = Tokens.forUser("alice");

    @Test
    void shouldStreamAJobFromItsStartToItsEndWithoutAnyPublishedState() {
        TestEvents job = newJob();
        log.appendWithoutState(job.started("alice"), job.text(1, "Hel"));
        CompletableFuture<List<Event>> watched = client.events(streamOf(job), alice)
                .collectList().toFuture();
        await().atMost(WAIT).until(() -> gateway.gauge("tributary.gateway.viewers") >= 1);

        log.appendWithoutState(job.text(2, "lo"), job.completed(3));

        List<Event> events = watched.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        assertThat(events).extracting(Event::lastEventId).containsExactly("1", "2", "3");
        assertThat(Payloads.of(events.get(0)).path("event").asString()).isEqualTo("snapshot");
        assertThat(Payloads.of(events.get(0)).path("status").path("content").asString()).isEqualTo("Hel");
        JsonNode last = Payloads.of(events.get(2)).path("status");
        assertThat(last.path("status").asString()).isEqualTo("complete");
        assertThat(last.path("content").asString()).isEqualTo("Hello");
    }

    @Test
    void shouldResumeAfterAnEventIdOfAJobKnownOnlyFromTheTail() {
        TestEvents job = newJob();
        log.appendWithoutState(job.started("alice"), job.text(1, "a"), job.text(2, "b"), job.text(3, "c"),
                job.completed(4));

        List<Event> events = client.events(streamOf(job), alice, Map.of("Last-Event-ID", "1"))
                .collectList().block(WAIT);

        assertThat(events).extracting(Event::lastEventId).containsExactly("2", "3", "4");
        assertThat(Payloads.of(events.get(0)).path("status").path("content_delta").asString()).isEqualTo("b");
        assertThat(Payloads.of(events.get(2)).path("status").path("content").asString()).isEqualTo("abc");
    }

    @Test
    void shouldAnswerTheStatusCurrentToTheLastEventOnTheLog() {
        TestEvents job = newJob();
        log.appendWithoutState(job.started("alice"), job.text(1, "one"), job.reasoning(2, "why"), job.text(3, " two"));

        JsonNode status = Payloads.json(awaitStatus(job).body());

        assertThat(status.path("status").asString()).isEqualTo("streaming");
        assertThat(status.path("seq").asLong()).isEqualTo(3);
        assertThat(status.path("content").asString()).isEqualTo("one two");
        assertThat(status.path("reasoning").asString()).isEqualTo("why");
        assertThat(status.path("threadId").asString()).isEqualTo("thread-1");

        log.appendWithoutState(job.text(4, "!"), job.completed(5));
        await().atMost(WAIT).until(() -> Payloads.json(client.get(statusOf(job), alice).body())
                .path("status").asString().equals("complete"));
        JsonNode ended = Payloads.json(client.get(statusOf(job) + "?offset=3", alice).body());
        assertThat(ended.path("content_delta").asString()).isEqualTo(" two!");
        assertThat(ended.path("seq").asLong()).isEqualTo(5);
    }

    @Test
    void shouldAbortAJobKnownOnlyFromTheTail() {
        TestEvents job = newJob();
        log.appendWithoutState(job.started("alice"), job.text(1, "Hi"));
        awaitStatus(job);

        SseClient.Response response = client.post("/api/jobs/" + job.jobId() + "/abort", alice);

        assertThat(response.status()).isEqualTo(200);
        assertThat(Payloads.json(response.body()).path("aborted").asBoolean()).isTrue();
        try (ControlLog control = new ControlLog(SharedBroker.bootstrapServers())) {
            await().atMost(WAIT).until(() -> control.commandsOf(job.jobId()).size() == 1);
            assertThat(control.commandsOf(job.jobId()).get(0).command().getType()).isEqualTo(CommandType.ABORT);
        }
    }

    @Test
    void shouldIssueAStreamTokenThatOpensTheStreamOfAJobKnownOnlyFromTheTail() {
        TestEvents job = newJob();
        log.appendWithoutState(job.started("alice"), job.text(1, "Hi"), job.completed(2));
        awaitStatus(job);

        SseClient.Response issued = client.post("/api/jobs/" + job.jobId() + "/stream-token", alice);

        assertThat(issued.status()).isEqualTo(200);
        String url = Payloads.json(issued.body()).path("streamUrl").asString();
        SseClient.Response stream = client.get(url, null, Map.of("Accept", "text/event-stream"));
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.body()).contains("\"content\":\"Hi\"");
    }

    @Test
    void shouldStillNotKnowAJobThatStartedBeforeTheGatewayAndHasNoState() {
        TestEvents job = newJob();
        log.appendWithoutState(job.started("alice"), job.text(1, "Hi"));
        try (RunningGateway later = RunningGateway.start(SharedBroker.bootstrapServers(),
                Map.of("tributary.gateway.attach-wait", "200ms"))) {
            SseClient laterClient = new SseClient(later.port());

            assertThat(laterClient.get(statusOf(job), alice).status()).isEqualTo(404);

            log.publishState(job.jobId());
            await().atMost(WAIT).until(() -> laterClient.get(statusOf(job), alice).status() == 200);
        }
    }

    private SseClient.Response awaitStatus(TestEvents job) {
        SseClient.Response[] answered = new SseClient.Response[1];
        await().atMost(WAIT).until(() -> {
            answered[0] = client.get(statusOf(job), alice);
            return answered[0].status() == 200;
        });
        return answered[0];
    }

    private static TestEvents newJob() {
        return new TestEvents(UUID.randomUUID().toString());
    }

    private static String streamOf(TestEvents job) {
        return "/api/jobs/" + job.jobId() + "/stream";
    }

    private static String statusOf(TestEvents job) {
        return "/api/jobs/" + job.jobId() + "/status";
    }
}
