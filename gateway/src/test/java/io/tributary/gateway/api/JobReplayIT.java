package io.tributary.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tributary.gateway.support.GatewayWithJobLog;
import io.tributary.gateway.support.Payloads;
import io.tributary.gateway.support.SseClient;
import io.tributary.gateway.support.SseParser.Event;
import io.tributary.gateway.support.TestEvents;
import io.tributary.gateway.support.Tokens;
import io.tributary.schema.JobEvent;
import org.junit.jupiter.api.Test;

/**
 * {@code ?replay=} against a real broker: a finished job comes back as the messages a viewer from its
 * start got, never earlier than their recorded spacing allows (scaled by the pace); a job still
 * streaming, a bad pace and another user's job are refused before anything is streamed.
 */
class JobReplayIT extends GatewayWithJobLog {

    private static final Duration WAIT = Duration.ofSeconds(15);
    /** The recorded gap between the job's events. */
    private static final long GAP_MILLIS = 300;


    private final String alice = Tokens.forUser("alice");

    /** An event and when it arrived, after the request was sent. */
    private record Arrival(Event event, Duration sinceRequest) {
    }

    @Test
    void shouldReplayTheMessagesOfAViewerFromTheStartAtTheRecordedPace() {
        TestEvents job = finishedJob();

        List<Arrival> replayed = replay(job, "recorded", Map.of());

        assertThat(replayed).extracting(arrival -> arrival.event().lastEventId()).containsExactly("0", "1", "2", "3");
        assertThat(Payloads.of(replayed.get(0).event()).path("event").asString()).isEqualTo("snapshot");
        List<Event> live = client.events(streamOf(job), alice, Map.of("Last-Event-ID", "0")).collectList().block(WAIT);
        assertThat(replayed.subList(1, 4)).extracting(arrival -> arrival.event().data())
                .containsExactlyElementsOf(live.stream().map(Event::data).toList());
        for (int i = 1; i < replayed.size(); i++) {
            // Never earlier than recorded (a wait can only run late).
            assertThat(sinceStart(replayed, i)).isGreaterThanOrEqualTo(Duration.ofMillis(i * GAP_MILLIS));
        }
    }

    @Test
    void shouldReplayFasterWhenAskedAndResumeAfterALastEventId() {
        TestEvents job = finishedJob();

        List<Arrival> twice = replay(job, "2x", Map.of());
        List<Arrival> resumed = replay(job, "recorded", Map.of("Last-Event-ID", "1"));
        List<Arrival> fastest = replay(job, "max", Map.of());

        assertThat(sinceStart(twice, 3)).isGreaterThanOrEqualTo(Duration.ofMillis(3 * GAP_MILLIS / 2));
        assertThat(resumed).extracting(arrival -> arrival.event().lastEventId()).containsExactly("2", "3");
        assertThat(sinceStart(resumed, 1)).isGreaterThanOrEqualTo(Duration.ofMillis(GAP_MILLIS));
        assertThat(fastest).extracting(arrival -> arrival.event().lastEventId()).containsExactly("0", "1", "2", "3");
        assertThat(Payloads.of(fastest.get(3).event()).path("status").path("content").asString()).isEqualTo("abc");
        SseClient.Response upToDate = client.get(streamOf(job) + "?replay=max", alice,
                Map.of("Last-Event-ID", "3", "Accept", "text/event-stream"));
        assertThat(upToDate.status()).isEqualTo(204);
    }

    @Test
    void shouldRefuseAStreamingJobABadPaceAndAnotherUsersJob() {
        TestEvents streaming = new TestEvents(UUID.randomUUID().toString());
        log.appendWithoutState(streaming.started("alice"), streaming.text(1, "a"));
        TestEvents finished = finishedJob();
        Map<String, String> sse = Map.of("Accept", "text/event-stream");
        await().atMost(WAIT).until(() -> client.get("/api/jobs/" + streaming.jobId() + "/status", alice).status() == 200);

        SseClient.Response live = client.get(streamOf(streaming) + "?replay=recorded", alice, sse);
        assertThat(live.status()).isEqualTo(409);
        assertThat(Payloads.json(live.body()).path("error").asString()).contains("still streaming");
        for (String pace : List.of("fast", "0x", "0.01x", "2000x", "", "-1x")) {
            SseClient.Response bad = client.get(streamOf(finished) + "?replay=" + pace, alice, sse);
            assertThat(bad.status()).as(pace).isEqualTo(400);
            assertThat(Payloads.json(bad.body()).path("error").asString()).as(pace).contains("replay must be");
        }
        SseClient.Response foreign = client.get(streamOf(finished) + "?replay=max", Tokens.forUser("mallory"), sse);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.body()).doesNotContain("abc");
    }

    /** A finished job whose events were recorded {@link #GAP_MILLIS} apart. */
    private TestEvents finishedJob() {
        TestEvents job = new TestEvents(UUID.randomUUID().toString());
        Instant start = Instant.parse("2026-12-01T09:00:00Z");
        List<JobEvent> events = List.of(job.started("alice"), job.text(1, "a"), job.text(2, "bc"), job.completed(3));
        log.appendWithoutState(events.stream()
                .map(event -> JobEvent.newBuilder(event).setTimestamp(start.plusMillis(event.getSeq() * GAP_MILLIS))
                        .build())
                .toArray(JobEvent[]::new));
        await().atMost(WAIT).until(() -> Payloads.json(client.get("/api/jobs/" + job.jobId() + "/status", alice).body())
                .path("status").asString().equals("complete"));
        return job;
    }

    private List<Arrival> replay(TestEvents job, String pace, Map<String, String> headers) {
        long requested = System.nanoTime();
        return client.events(streamOf(job) + "?replay=" + pace, alice, headers)
                .map(event -> new Arrival(event, Duration.ofNanos(System.nanoTime() - requested)))
                .collectList().block(WAIT);
    }

    /**
     * When the message arrived after the request: the replay starts after the request does, so this is
     * never less than the message's due time, whatever the delivery's own delay.
     */
    private static Duration sinceStart(List<Arrival> arrivals, int index) {
        return arrivals.get(index).sinceRequest();
    }

    private static String streamOf(TestEvents job) {
        return "/api/jobs/" + job.jobId() + "/stream";
    }
}
