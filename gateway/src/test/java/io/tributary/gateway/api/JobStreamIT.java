package io.tributary.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tributary.gateway.support.JobLog;
import io.tributary.gateway.support.Payloads;
import io.tributary.gateway.support.RunningGateway;
import io.tributary.gateway.support.SharedBroker;
import io.tributary.gateway.support.SseClient;
import io.tributary.gateway.support.SseParser.Comment;
import io.tributary.gateway.support.SseParser.Event;
import io.tributary.gateway.support.SseParser.Item;
import io.tributary.gateway.support.SseParser.Retry;
import io.tributary.gateway.support.TestEvents;
import io.tributary.gateway.support.Tokens;
import io.tributary.gateway.support.Viewing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

/**
 * The SSE stream over real HTTP, from a real broker. Events are written straight to {@code jobs.deltas}
 * and their folded states to {@code jobs.state}, as the ingest and the processor would.
 */
class JobStreamIT {

    private static final String ALICE = "alice";
    private static final Duration WAIT = Duration.ofSeconds(15);

    private static JobLog log;
    private static RunningGateway gateway;
    private static SseClient client;
    /** Written before the gateway started: its state stops at seq 3 while its events go on to seq 8. */
    private static TestEvents startedBeforeGateway;

    private final String alice = Tokens.forUser(ALICE);

    @BeforeAll
    static void start() {
        log = new JobLog(SharedBroker.bootstrapServers());
        startedBeforeGateway = newJob();
        log.append(startedBeforeGateway.started(ALICE));
        appendTexts(startedBeforeGateway, 1, 3);
        LongStream.rangeClosed(4, 8).forEach(seq -> log.appendWithoutState(startedBeforeGateway.text(seq, text(seq))));
        gateway = startGateway();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        log.close();
    }

    @Test
    void shouldStreamALiveJobCompleteAndInOrderThenClose() {
        TestEvents job = newJob();
        log.append(job.started(ALICE));
        Viewing viewer = new Viewing(client.events(streamOf(job), alice)).awaitMessages(1);

        // Deltas whose content could break SSE framing or UTF-8: line ends, separators, NUL, an emoji.
        // (A surrogate pair split across two events cannot reach the gateway: Avro strings are UTF-8.)
        String wave = "👋";
        log.append(job.text(1, "Hello\r\n"), job.text(2, "wor\rld\n\ndata: x\n\n"), job.reasoning(3, "hmm"),
                job.text(4, "\u2028\u2029\u0000 "), job.text(5, wave + "!"), job.usage(6), job.completed(7));
        List<Event> events = viewer.awaitEnd();

        assertThat(Payloads.ids(events)).containsExactly("0", "1", "2", "3", "4", "5", "6", "7");
        assertThat(Payloads.kinds(events)).containsExactly("snapshot", "delta", "delta", "delta", "delta", "delta",
                "delta", "status");
        String expected = "Hello\r\nwor\rld\n\ndata: x\n\n\u2028\u2029\u0000 " + wave + "!";
        assertThat(Payloads.assemble("", events.subList(0, 7))).isEqualTo(expected);
        JsonNode last = Payloads.of(events.get(7)).path("status");
        assertThat(last.path("status").asString()).isEqualTo("complete");
        assertThat(last.path("content").asString()).isEqualTo(expected).isEqualTo(log.state(job.jobId()).getContent());
        assertThat(last.path("reasoning").asString()).isEqualTo("hmm");
    }

    @Test
    void shouldTimeTheHopsOfALiveJobAndExposeThemForPrometheus() {
        Timer receipts = gateway.bean(MeterRegistry.class).get("tributary.gateway.tail.receipt").timer();
        Timer deliveries = gateway.bean(MeterRegistry.class).get("tributary.gateway.delivery").timer();
        long receivedBefore = receipts.count();
        long deliveredBefore = deliveries.count();
        TestEvents job = newJob();
        log.append(job.started(ALICE));
        Viewing viewer = new Viewing(client.events(streamOf(job), alice)).awaitMessages(1);

        log.append(job.text(1, "timed"), job.text(2, " hops"), job.completed(3));
        assertThat(viewer.awaitEnd()).hasSize(4);

        // The tail receives every record of jobs.deltas (other tests' too); this viewer got three live messages.
        assertThat(receipts.count()).isGreaterThanOrEqualTo(receivedBefore + 3);
        assertThat(deliveries.count()).isGreaterThanOrEqualTo(deliveredBefore + 3);
        assertThat(deliveries.totalTime(TimeUnit.NANOSECONDS)).isPositive();
        assertThat(gateway.gauge("tributary.gateway.tail.lag")).isNotNegative();
        SseClient.Response metrics = client.get("/actuator/prometheus", alice);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body())
                .containsPattern("tributary_gateway_tail_receipt_seconds_count[^ ]* [1-9]")
                .containsPattern("tributary_gateway_delivery_seconds_count[^ ]* [1-9]")
                .containsPattern("tributary_gateway_delivery_seconds_bucket\\{le=\"0\\.005\"")
                .contains("tributary_gateway_tail_lag", "tributary_gateway_viewers", "tributary_gateway_resumes_total",
                        "tributary_gateway_aborts_requested_total");
    }

    /**
     * The gateway builds its Kafka clients itself, so no Spring factory adds their metrics: they must be on
     * the endpoint all the same, one live tail whatever the viewers, with its consumer lag.
     */
    @Test
    void shouldExposeTheKafkaMetricsOfEachClientWithOneLiveTailConsumerAndItsLag() {
        TestEvents job = newJob();
        log.append(job.started(ALICE));
        Viewing first = new Viewing(client.events(streamOf(job), alice)).awaitMessages(1);
        Viewing second = new Viewing(client.events(streamOf(job), alice)).awaitMessages(1);

        // Per-partition lag appears once the tail has fetched and the meters are refreshed (every 10 s).
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = client.get("/actuator/prometheus", alice).body();
            assertThat(clientIds(metrics, "kafka_consumer_")).filteredOn(id -> id.endsWith("-live-tail")).hasSize(1);
            assertThat(metrics).containsPattern(
                    "kafka_consumer_fetch_manager_records_lag_max\\{[^}]*client_id=\"tributary-gateway-[^\"]+-live-tail\"");
        });
        String metrics = client.get("/actuator/prometheus", alice).body();
        assertThat(clientIds(metrics, "kafka_consumer_")).filteredOn(id -> id.contains("-catch-up-")).hasSize(2);
        assertThat(clientIds(metrics, "kafka_producer_")).anyMatch(id -> id.endsWith("-commands"))
                .anyMatch(id -> id.endsWith("-presence"));

        log.append(job.completed(1));
        first.awaitEnd();
        second.awaitEnd();
    }

    private static Set<String> clientIds(String metrics, String prefix) {
        Matcher series = Pattern.compile("(?m)^" + prefix + "[a-z_]+\\{[^}]*client_id=\"([^\"]+)\"").matcher(metrics);
        Set<String> ids = new TreeSet<>();
        while (series.find()) {
            ids.add(series.group(1));
        }
        return ids;
    }

    @Test
    void shouldResumeExactlyFromMemoryAfterADisconnect() {
        TestEvents job = newJob();
        log.append(job.started(ALICE));
        appendTexts(job, 1, 5);
        Viewing first = new Viewing(until("8", client.events(streamOf(job), alice))).awaitMessages(1);
        appendTexts(job, 6, 8);
        List<Event> beforeDisconnect = first.awaitEnd();
        assertDenseFromSnapshotTo(beforeDisconnect, 8);
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.gauge("tributary.gateway.viewers") == 0);

        appendTexts(job, 9, 12);
        log.append(job.completed(13));
        double catchUpReads = gateway.counter("tributary.gateway.catch.up.reads");
        List<Event> resumed = client.events(streamOf(job), alice, Map.of("Last-Event-ID", "8")).collectList().block(WAIT);

        assertThat(Payloads.ids(resumed)).containsExactly("9", "10", "11", "12", "13");
        assertThat(gateway.counter("tributary.gateway.catch.up.reads")).isEqualTo(catchUpReads);
        assertThat(Payloads.assemble(Payloads.assemble("", beforeDisconnect), resumed.subList(0, 4)))
                .isEqualTo(log.state(job.jobId()).getContent());
    }

    @Test
    void shouldResumeExactlyFromKafkaAfterTheGatewayRestarted() {
        TestEvents job = newJob();
        log.append(job.started(ALICE));
        appendTexts(job, 1, 5);
        Viewing first = new Viewing(until("7", client.events(streamOf(job), alice))).awaitMessages(1);
        appendTexts(job, 6, 8);
        List<Event> beforeRestart = first.awaitEnd();
        assertDenseFromSnapshotTo(beforeRestart, 7);

        gateway.close();
        gateway = startGateway();
        appendTexts(job, 9, 10);
        Viewing resumed = new Viewing(client.events(streamOf(job), alice, Map.of("Last-Event-ID", "7"))).awaitMessages(3);
        log.append(job.completed(11));
        List<Event> afterRestart = resumed.awaitEnd();

        assertThat(Payloads.ids(afterRestart)).containsExactly("8", "9", "10", "11");
        assertThat(gateway.counter("tributary.gateway.catch.up.reads")).isPositive();
        assertThat(Payloads.assemble(Payloads.assemble("", beforeRestart), afterRestart.subList(0, 3)))
                .isEqualTo(log.state(job.jobId()).getContent());
    }

    @Test
    void shouldServeTheExactHistoryOfAJobThatStartedBeforeTheGateway() {
        TestEvents job = startedBeforeGateway;

        Viewing fresh = new Viewing(client.events(streamOf(job), alice)).awaitMessages(1);
        Viewing fromMemory = new Viewing(client.events(streamOf(job), alice, Map.of("Last-Event-ID", "5")));
        Viewing fromStart = new Viewing(client.events(streamOf(job), alice, Map.of("Last-Event-ID", "1")));
        fromMemory.awaitMessages(3);
        fromStart.awaitMessages(7);
        log.append(job.text(9, text(9)), job.completed(10));

        List<Event> freshEvents = fresh.awaitEnd();
        assertThat(Payloads.ids(freshEvents)).containsExactly("8", "9", "10");
        assertThat(Payloads.of(freshEvents.get(0)).path("status").path("content").asString()).isEqualTo(texts(1, 8));
        assertThat(Payloads.ids(fromMemory.awaitEnd())).containsExactly("6", "7", "8", "9", "10");
        List<Event> fromStartEvents = fromStart.awaitEnd();
        assertThat(Payloads.ids(fromStartEvents)).containsExactly("2", "3", "4", "5", "6", "7", "8", "9", "10");
        assertThat(Payloads.assemble(texts(1, 1), fromStartEvents.subList(0, 8))).isEqualTo(texts(1, 9));
    }

    @Test
    void shouldTakeTheEventIdFromTheQueryWhenNoHeaderGivesOne() {
        TestEvents job = finishedJob();

        assertThat(Payloads.ids(client.events(streamOf(job) + "?lastEventId=2", alice).collectList().block(WAIT)))
                .containsExactly("3", "4");
        assertThat(Payloads.ids(client.events(streamOf(job) + "?last_event_id=3", alice).collectList().block(WAIT)))
                .containsExactly("4");
        assertThat(Payloads.ids(client.events(streamOf(job) + "?lastEventId=0&offset=2", alice,
                Map.of("Last-Event-ID", "3")).collectList().block(WAIT))).containsExactly("4");
    }

    @Test
    void shouldStartFromACharacterOffsetWithASnapshotOfTheRest() {
        TestEvents job = newJob();
        log.append(job.started(ALICE), job.text(1, "Hello, world"));
        awaitStateRead(job, 1);

        Viewing viewer = new Viewing(client.events(streamOf(job) + "?offset=7", alice)).awaitMessages(1);
        log.append(job.text(2, "!"), job.completed(3));
        List<Event> events = viewer.awaitEnd();
        List<Event> pastTheEnd = client.events(streamOf(job) + "?offset=99", alice).collectList().block(WAIT);

        JsonNode snapshot = Payloads.of(events.get(0)).path("status");
        assertThat(Payloads.of(events.get(0)).path("event").asString()).isEqualTo("snapshot");
        assertThat(snapshot.has("content")).isFalse();
        assertThat(snapshot.path("content_delta").asString()).isEqualTo("world");
        assertThat(snapshot.path("content_length").asInt()).isEqualTo(12);
        assertThat(Payloads.ids(events)).containsExactly("1", "2", "3");
        assertThat(Payloads.assemble("Hello, ", events.subList(0, 2))).isEqualTo("Hello, world!");
        assertThat(Payloads.of(pastTheEnd.get(0)).path("status").path("content").asString()).isEqualTo("Hello, world!");
    }

    @Test
    void shouldAnswerNoContentToAViewerThatHoldsTheTerminalEvent() {
        TestEvents job = finishedJob();

        assertThat(client.get(streamOf(job), alice, Map.of("Last-Event-ID", "4")).status()).isEqualTo(204);
        assertThat(client.get(streamOf(job) + "?lastEventId=4", alice).status()).isEqualTo(204);
        assertThat(Payloads.ids(client.events(streamOf(job), alice, Map.of("Last-Event-ID", "3")).collectList().block(WAIT)))
                .containsExactly("4");
    }

    @Test
    void shouldAnswerNotFoundForAnotherUsersJobExactlyAsForAMissingOne() {
        TestEvents job = finishedJob();

        SseClient.Response foreign = client.get(streamOf(job), Tokens.forUser("bob"));
        SseClient.Response missing = client.get("/api/jobs/" + UUID.randomUUID() + "/stream", alice);

        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.contentType()).startsWith("application/json");
        assertThat(Payloads.json(foreign.body()).path("error").asString()).isNotBlank();
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo(foreign.body());
    }

    @Test
    void shouldRefuseBadCursorsBeforeTheStreamStarts() {
        TestEvents job = finishedJob();

        for (SseClient.Response response : List.of(
                client.get(streamOf(job), alice, Map.of("Last-Event-ID", "-1")),
                client.get(streamOf(job) + "?lastEventId=abc", alice),
                client.get(streamOf(job) + "?last_event_id=1e3", alice),
                client.get(streamOf(job) + "?offset=-3", alice))) {
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/json");
            assertThat(Payloads.json(response.body()).path("error").asString()).isNotBlank();
        }
    }

    @Test
    void shouldHintTheRetryDelayAndPingWhileTheJobIsQuiet() {
        TestEvents job = newJob();
        log.append(job.started(ALICE));
        awaitStateRead(job, 0);

        AtomicInteger pings = new AtomicInteger();
        List<Item> items = client.items(streamOf(job), alice, Map.of())
                .takeUntil(item -> item instanceof Comment && pings.incrementAndGet() == 2)
                .collectList().block(WAIT);

        assertThat(items.get(0)).isEqualTo(new Retry(500));
        assertThat(items).filteredOn(Event.class::isInstance).hasSize(1);
        assertThat(items).filteredOn(Comment.class::isInstance).containsExactly(new Comment("ping"), new Comment("ping"));
        log.append(job.completed(1));
    }

    @Test
    void shouldSendManyViewersOfOneJobIdenticalMessages() {
        TestEvents job = newJob();
        log.append(job.started(ALICE));
        List<Viewing> viewers = IntStream.range(0, 100)
                .mapToObj(i -> new Viewing(i % 2 == 0
                        ? client.events(streamOf(job), alice, Map.of("Last-Event-ID", "0"))
                        : client.events(streamOf(job) + "?lastEventId=0", alice)))
                .toList();
        await().until(() -> gateway.gauge("tributary.gateway.viewers") >= 100);

        appendTexts(job, 1, 20);
        log.append(job.completed(21));

        List<Event> first = viewers.get(0).awaitEnd();
        assertThat(first).hasSize(21);
        assertThat(Payloads.assemble("", first.subList(0, 20))).isEqualTo(texts(1, 20));
        viewers.forEach(viewer -> assertThat(viewer.awaitEnd()).isEqualTo(first));
    }

    /** The stream up to and including the message with this id; then the client disconnects. */
    private static Flux<Event> until(String id, Flux<Event> events) {
        return events.takeUntil(event -> event.lastEventId().equals(id));
    }

    /**
     * A snapshot, then one message per event up to {@code lastSeq}. Where the snapshot lies depends on how
     * far the gateway had read when the viewer attached; that nothing is missing or repeated does not.
     */
    private static void assertDenseFromSnapshotTo(List<Event> events, long lastSeq) {
        assertThat(Payloads.kinds(events).get(0)).isEqualTo("snapshot");
        long first = Long.parseLong(events.get(0).lastEventId());
        assertThat(Payloads.ids(events)).isEqualTo(
                LongStream.rangeClosed(first, lastSeq).mapToObj(Long::toString).toList());
    }

    /** Waits until the gateway's view holds the job's state at this seq (it follows jobs.state asynchronously). */
    private void awaitStateRead(TestEvents job, long seq) {
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            SseClient.Response status = client.get("/api/jobs/" + job.jobId() + "/status", alice);
            return status.status() == 200 && Payloads.json(status.body()).path("seq").asLong() == seq;
        });
    }

    private static RunningGateway startGateway() {
        // A hundred viewers of one user watch one job here: fan-out, not the per-user stream limit, is tested.
        RunningGateway started = RunningGateway.start(SharedBroker.bootstrapServers(),
                Map.of("tributary.gateway.max-streams-per-user", "200"));
        client = new SseClient(started.port());
        return started;
    }

    private static TestEvents newJob() {
        return new TestEvents(UUID.randomUUID().toString());
    }

    /** A finished job: started, three texts, completed at seq 4. */
    private static TestEvents finishedJob() {
        TestEvents job = newJob();
        log.append(job.started(ALICE));
        appendTexts(job, 1, 3);
        log.append(job.completed(4));
        return job;
    }

    private static void appendTexts(TestEvents job, long fromSeq, long toSeq) {
        LongStream.rangeClosed(fromSeq, toSeq).forEach(seq -> log.append(job.text(seq, text(seq))));
    }

    private static String text(long seq) {
        return "t" + seq + " ";
    }

    private static String texts(long fromSeq, long toSeq) {
        StringBuilder all = new StringBuilder();
        LongStream.rangeClosed(fromSeq, toSeq).forEach(seq -> all.append(text(seq)));
        return all.toString();
    }

    private static String streamOf(TestEvents job) {
        return "/api/jobs/" + job.jobId() + "/stream";
    }
}
