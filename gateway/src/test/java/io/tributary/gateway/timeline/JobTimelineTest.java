package io.tributary.gateway.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.gateway.sse.JobJson;
import io.tributary.gateway.sse.JobMessages;
import io.tributary.gateway.support.SseParser;
import io.tributary.gateway.support.SseParser.Event;
import io.tributary.gateway.support.TestEvents;
import io.tributary.schema.JobState;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The handover between snapshot, catch-up read and live tail, with every interleaving under the test's control. */
class JobTimelineTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final InMemoryLog log = new InMemoryLog();
    private final TestEvents job = new TestEvents("job-1");
    private final TestEvents other = new TestEvents("job-2");
    private final FakeTail tail = new FakeTail();
    private final FakeHistory history = new FakeHistory();
    private final Scheduler scheduler = Schedulers.newSingle("timeline-test");
    private final JobMessages messages = new JobMessages(new JobJson());
    private final JsonMapper json = JsonMapper.builder().build();
    private final AtomicInteger failures = new AtomicInteger();
    private final Timer deliveries = new SimpleMeterRegistry().timer("deliveries");

    @AfterEach
    void stopScheduler() {
        scheduler.dispose();
    }

    @Test
    void shouldJoinAStaleSnapshotToTheLiveTailWithoutGapOrDuplicate() {
        appendTexts(0, 9);
        // Seq n lies at offset 2n (another job's record follows each): the tail starts at seq 8.
        tail.position = 16;
        history.hold = true;
        JobTimeline timeline = open(log.stateAt("job-1", 3));

        // While the catch-up read of [7, 16) runs, the tail delivers seq 8 and 9; they must wait their turn.
        tail.deliverFrom(16);
        history.release();

        assertThat(history.reads).containsExactly("7-16");
        assertThat(ids(stream(timeline, new Cursor.AfterEvent(3)).take(6))).containsExactly("4", "5", "6", "7", "8", "9");
        JsonNode snapshot = onlyPayload(stream(timeline, new Cursor.Fresh()).take(1));
        assertThat(snapshot.path("event").asString()).isEqualTo("snapshot");
        assertThat(snapshot.path("status").path("content").asString()).isEqualTo(texts(1, 9));
    }

    @Test
    void shouldDropWhatTheSnapshotAlreadyHoldsWhenTheTailIsBehindIt() {
        appendTexts(0, 7);
        // The tail is behind the snapshot: it starts at seq 4, the snapshot holds up to seq 6.
        tail.position = 8;
        JobTimeline timeline = open(log.stateAt("job-1", 6));

        tail.deliverFrom(8);

        assertThat(history.reads).isEmpty();
        assertThat(ids(stream(timeline, new Cursor.AfterEvent(6)).take(1))).containsExactly("7");
        assertThat(onlyPayload(stream(timeline, new Cursor.Fresh()).take(1)).path("status").path("content").asString())
                .isEqualTo(texts(1, 7));
    }

    @Test
    void shouldTimeEachLiveMessageFromItsReceiptToLeavingEachViewersBuffer() {
        log.append(job.started("alice"));
        tail.position = log.end();
        JobTimeline timeline = open(log.stateAt("job-1", 0));
        Flux<Event> first = stream(timeline, new Cursor.Fresh());
        Flux<Event> second = stream(timeline, new Cursor.AfterEvent(0));

        log.append(job.text(1, "Hel"), job.text(2, "lo"), job.completed(3));
        tail.deliverFrom(1);

        assertThat(first.collectList().block(WAIT)).hasSize(4);
        assertThat(second.collectList().block(WAIT)).hasSize(3);
        // Three live messages for each of two viewers; the snapshot was never received from the log.
        assertThat(deliveries.count()).isEqualTo(6);
        assertThat(deliveries.totalTime(TimeUnit.NANOSECONDS)).isPositive();
    }

    @Test
    void shouldSendEveryEventAfterTheCursorAsOneMessageUntilTheTerminalStatus() {
        log.append(job.started("alice"));
        tail.position = log.end();
        JobTimeline timeline = open(log.stateAt("job-1", 0));
        Flux<Event> viewer = stream(timeline, new Cursor.Fresh());

        log.append(job.text(1, "Hel"), other.started("bob"), job.unknown(2), job.usage(3), job.text(4, "lo"),
                job.completed(5), job.text(6, "after the end"));
        tail.deliverFrom(1);

        List<Event> events = viewer.collectList().block(WAIT);
        assertThat(events).extracting(Event::lastEventId).containsExactly("0", "1", "2", "3", "4", "5");
        List<JsonNode> payloads = events.stream().map(this::payload).toList();
        assertThat(payloads).extracting(p -> p.path("event").asString())
                .containsExactly("snapshot", "delta", "delta", "delta", "delta", "status");
        assertThat(payloads.get(2).path("status").path("content_delta").asString()).isEmpty();
        assertThat(payloads.get(3).path("status").path("usage").path("total_tokens").asInt()).isEqualTo(21);
        assertThat(payloads.get(5).path("status").path("content").asString()).isEqualTo("Hello");
        assertThat(tail.listener).isNull();
    }

    @Test
    void shouldReadTheJobFromItsFirstEventForAResumeOlderThanTheSnapshot() {
        appendTexts(0, 5);
        tail.position = log.end();
        JobTimeline seenLive = open(log.stateAt("job-1", 0));
        tail.deliverFrom(1);
        List<String> live = raw(stream(seenLive, new Cursor.AfterEvent(2)).take(3));

        history.reads.clear();
        JobTimeline restarted = open(log.stateAt("job-1", 5));

        assertThat(raw(stream(restarted, new Cursor.AfterEvent(2)).take(3))).isEqualTo(live);
        // Seq 5 lies at offset 10: the gap to the tail, then the job from its first event up to the snapshot.
        assertThat(history.reads).containsExactly("11-12", "0-11");
        // The whole job is in memory now.
        assertThat(ids(stream(restarted, new Cursor.AfterEvent(0)).take(5))).containsExactly("1", "2", "3", "4", "5");
        assertThat(history.reads).hasSize(2);
    }

    @Test
    void shouldAnswerUpToDateToAViewerThatHoldsTheTerminalEvent() {
        log.append(job.started("alice"), job.text(1, "a"), job.completed(2));
        JobTimeline timeline = open(log.stateAt("job-1", 2));

        assertThat(timeline.attach(new Cursor.AfterEvent(2)).block(WAIT)).isInstanceOf(Attachment.UpToDate.class);
        assertThat(timeline.attach(new Cursor.AfterEvent(40)).block(WAIT)).isInstanceOf(Attachment.UpToDate.class);
        assertThat(ids(stream(timeline, new Cursor.AfterEvent(1)))).containsExactly("2");
        assertThat(ids(stream(timeline, new Cursor.Fresh()))).containsExactly("2");
        assertThat(tail.listener).isNull();
    }

    @Test
    void shouldStartFromTheOffsetWithASnapshotOfTheRest() {
        log.append(job.started("alice"), job.text(1, "Hello, world"));
        tail.position = log.end();
        JobTimeline timeline = open(log.stateAt("job-1", 1));

        JsonNode status = onlyPayload(stream(timeline, new Cursor.FromOffset(7)).take(1)).path("status");

        assertThat(status.path("content_delta").asString()).isEqualTo("world");
        assertThat(status.path("content_length").asInt()).isEqualTo(12);
        assertThat(status.has("content")).isFalse();
    }

    @Test
    void shouldEndASlowViewerAfterItsBufferWhileTheOthersGoOn() {
        log.append(job.started("alice"));
        tail.position = log.end();
        JobTimeline timeline = open(log.stateAt("job-1", 0), 4);
        Flux<byte[]> slow = messagesOf(timeline, new Cursor.AfterEvent(0));
        Flux<Event> fast = stream(timeline, new Cursor.AfterEvent(0));
        List<Event> fastSeen = new ArrayList<>();
        fast.subscribe(fastSeen::add);

        appendTexts(1, 10);
        tail.deliverFrom(1);
        settle(timeline);

        // The slow viewer did not read at all: it gets what its buffer held, then its stream ends.
        assertThat(ids(parse(slow))).containsExactly("1", "2", "3", "4");
        assertThat(ids(stream(timeline, new Cursor.AfterEvent(4)).take(6))).containsExactly("5", "6", "7", "8", "9", "10");
        assertThat(ids(Flux.fromIterable(fastSeen))).hasSize(10);
    }

    @Test
    void shouldFailItsViewersWhenTheLogCannotBeRead() {
        appendTexts(0, 5);
        tail.position = log.end();
        history.error = new IllegalStateException("broker gone");

        JobTimeline timeline = open(log.stateAt("job-1", 2));

        assertThatThrownBy(() -> timeline.attach(new Cursor.Fresh()).block(WAIT))
                .isInstanceOf(TimelineUnavailableException.class);
        assertThat(failures).hasValue(1);
        assertThat(tail.listener).isNull();
    }

    private void appendTexts(long fromSeq, long toSeq) {
        for (long seq = fromSeq; seq <= toSeq; seq++) {
            log.append(seq == 0 ? job.started("alice") : job.text(seq, "t" + seq + " "));
            log.append(other.text(seq + 100, "noise"));
        }
    }

    private static String texts(long fromSeq, long toSeq) {
        StringBuilder text = new StringBuilder();
        for (long seq = fromSeq; seq <= toSeq; seq++) {
            text.append("t").append(seq).append(' ');
        }
        return text.toString();
    }

    /** Returns once the timeline has handled everything handed to it so far (its work runs in order). */
    private static void settle(JobTimeline timeline) {
        timeline.attach(new Cursor.AfterEvent(Long.MAX_VALUE - 1)).block(WAIT);
    }

    private JobTimeline open(JobState seed) {
        return open(seed, 64);
    }

    private JobTimeline open(JobState seed, int viewerBuffer) {
        JobTimeline timeline = new JobTimeline(seed,
                new TimelineResources(tail, history, messages, scheduler, viewerBuffer, deliveries),
                failed -> failures.incrementAndGet());
        timeline.start();
        return timeline;
    }

    private Flux<byte[]> messagesOf(JobTimeline timeline, Cursor cursor) {
        Attachment attachment = timeline.attach(cursor).block(WAIT);
        assertThat(attachment).isInstanceOf(Attachment.Stream.class);
        return ((Attachment.Stream) attachment).messages();
    }

    private Flux<Event> stream(JobTimeline timeline, Cursor cursor) {
        return parse(messagesOf(timeline, cursor));
    }

    private static Flux<Event> parse(Flux<byte[]> messages) {
        return messages.concatMapIterable(bytes -> new SseParser().feed(bytes)).cast(Event.class);
    }

    private static List<String> ids(Flux<Event> events) {
        return events.map(Event::lastEventId).collectList().block(WAIT);
    }

    private static List<String> raw(Flux<Event> events) {
        return events.map(Event::data).collectList().block(WAIT);
    }

    private JsonNode onlyPayload(Flux<Event> events) {
        List<Event> all = events.collectList().block(WAIT);
        assertThat(all).hasSize(1);
        return payload(all.get(0));
    }

    private JsonNode payload(Event event) {
        return json.readTree(event.data().getBytes(StandardCharsets.UTF_8));
    }

    /** A live tail at a chosen position, delivering the log's records when the test says so. */
    private final class FakeTail implements TailSubscriptions {
        final CountDownLatch subscribed = new CountDownLatch(1);
        long position;
        @Nullable Consumer<ConsumerRecord<String, byte[]>> listener;
        @Nullable String jobId;

        @Override
        public long subscribe(String jobId, int partition, Consumer<ConsumerRecord<String, byte[]>> listener) {
            assertThat(partition).isEqualTo(InMemoryLog.PARTITION);
            this.jobId = jobId;
            this.listener = listener;
            subscribed.countDown();
            return position;
        }

        @Override
        public void unsubscribe(String jobId, Consumer<ConsumerRecord<String, byte[]>> listener) {
            if (listener == this.listener) {
                this.listener = null;
            }
        }

        /** Delivers the records from an offset on, as the real tail would: the subscribed job's only. */
        void deliverFrom(long offset) {
            try {
                // The timeline subscribes on its worker, a moment after it was opened.
                assertThat(subscribed.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            Consumer<ConsumerRecord<String, byte[]>> current = listener;
            assertThat(current).isNotNull();
            log.recordsFrom(offset).stream().filter(record -> record.key().equals(jobId)).forEach(current);
        }
    }

    /** Reads of the in-memory log; can hold a read back, or fail it. */
    private final class FakeHistory implements HistoryReads {
        final List<String> reads = new ArrayList<>();
        boolean hold;
        @Nullable RuntimeException error;
        private final List<Runnable> held = new ArrayList<>();

        @Override
        public CompletableFuture<List<LoggedEvent>> read(String jobId, int partition, long from, long until) {
            reads.add(from + "-" + until);
            CompletableFuture<List<LoggedEvent>> result = new CompletableFuture<>();
            Runnable answer = () -> {
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(log.read(jobId, from, until));
                }
            };
            if (hold) {
                held.add(answer);
            } else {
                answer.run();
            }
            return result;
        }

        void release() {
            // The read was requested by the timeline's worker; wait until it has been.
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (held.isEmpty() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            hold = false;
            held.forEach(Runnable::run);
            held.clear();
        }
    }
}
