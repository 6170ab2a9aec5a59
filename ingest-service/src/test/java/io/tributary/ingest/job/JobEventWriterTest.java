package io.tributary.ingest.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.tributary.ingest.event.EventDraft;
import io.tributary.schema.FailureReason;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobEventType;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class JobEventWriterTest {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    private final RecordingPublisher publisher = new RecordingPublisher();
    private final List<Throwable> refusals = new ArrayList<>();
    private final JobEventWriter writer = new JobEventWriter("job-1", publisher, Clock.fixed(NOW, ZoneOffset.UTC),
            refusals::add);

    @Test
    void shouldNumberEventsDenselyFromZeroAndStampThem() {
        writer.write(EventDraft.text("a"));
        writer.write(EventDraft.text("b"));
        writer.write(EventDraft.completed("stop", null));

        assertThat(publisher.events).extracting(JobEvent::getSeq).containsExactly(0L, 1L, 2L);
        assertThat(publisher.events).allSatisfy(event -> {
            assertThat(event.getJobId()).isEqualTo("job-1");
            assertThat(event.getTimestamp()).isEqualTo(NOW);
        });
    }

    @Test
    void shouldWriteNothingAfterTheFirstTerminalEvent() {
        writer.write(EventDraft.text("a"));
        assertThat(writer.write(EventDraft.aborted("user"))).isNotNull();

        assertThat(writer.write(EventDraft.completed("stop", null))).isNull();
        assertThat(writer.write(EventDraft.text("late"))).isNull();

        assertThat(publisher.events).extracting(JobEvent::getType)
                .containsExactly(JobEventType.TEXT_DELTA, JobEventType.ABORTED);
        assertThat(writer.isClosed()).isTrue();
    }

    @Test
    void shouldCloseAndReportOnceWhenTheLogRefusesAnEvent() {
        publisher.refuseWhen(event -> event.getSeq() == 1);

        writer.write(EventDraft.text("a"));
        writer.write(EventDraft.text("refused"));
        CompletableFuture<?> afterRefusal = writer.write(EventDraft.text("c"));
        CompletableFuture<?> terminal = writer.write(EventDraft.completed("stop", null));

        assertThat(afterRefusal).isNull();
        assertThat(terminal).isNull();
        assertThat(publisher.events).extracting(JobEvent::getSeq).containsExactly(0L);
        assertThat(refusals).hasSize(1);
    }

    @Test
    void shouldCloseWithoutWritingOnceThisInstanceMayNoLongerWrite() {
        AtomicBoolean leaseValid = new AtomicBoolean(true);
        AtomicInteger fenced = new AtomicInteger();
        JobEventWriter guarded = new JobEventWriter("job-3", publisher, Clock.systemUTC(), leaseValid::get,
                refusals::add, fenced::incrementAndGet);
        guarded.write(EventDraft.text("before"));

        leaseValid.set(false);

        assertThat(guarded.write(EventDraft.text("after"))).isNull();
        assertThat(guarded.write(EventDraft.failed(FailureReason.TIMEOUT, "Job timed out"))).isNull();
        leaseValid.set(true);
        assertThat(guarded.write(EventDraft.text("lease back, job still fenced"))).isNull();
        assertThat(publisher.events).extracting(JobEvent::getSeq).containsExactly(0L);
        assertThat(fenced).hasValue(1);
        assertThat(refusals).isEmpty();
        assertThat(guarded.isClosed()).isTrue();
    }

    @Test
    void shouldWriteNothingAfterItWasClosedFromOutside() {
        writer.write(EventDraft.text("a"));

        assertThat(writer.close()).isTrue();
        assertThat(writer.close()).isFalse();

        assertThat(writer.write(EventDraft.aborted("late"))).isNull();
        assertThat(publisher.events).hasSize(1);
    }

    @Test
    void shouldTreatAPublisherThatThrowsAsARefusal() {
        JobEventWriter throwing = new JobEventWriter("job-2", new JobEventPublisher() {
            @Override
            public CompletableFuture<?> publish(JobEvent event, @Nullable String traceparent) {
                throw new IllegalStateException("producer closed");
            }

            @Override
            public void flush() {
            }

            @Override
            public void discardUnsent() {
            }
        }, Clock.systemUTC(), refusals::add);

        CompletableFuture<?> stored = throwing.write(EventDraft.text("a"));

        assertThat(stored).isCompletedExceptionally();
        assertThat(refusals).singleElement().isInstanceOf(IllegalStateException.class);
        assertThat(throwing.write(EventDraft.text("b"))).isNull();
    }

    @Test
    void shouldHandEventsOverInSeqOrderWhenManyThreadsWrite() throws InterruptedException {
        int threads = 8;
        int perThread = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger written = new AtomicInteger();
        for (int t = 0; t < threads; t++) {
            pool.execute(() -> {
                try {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        if (writer.write(EventDraft.text("x")) != null) {
                            written.incrementAndGet();
                        }
                    }
                    writer.write(EventDraft.aborted("racing"));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        go.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(20, TimeUnit.SECONDS)).isTrue();

        List<JobEvent> events = publisher.events;
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).getSeq()).isEqualTo(i);
        }
        assertThat(events).filteredOn(event -> event.getType() == JobEventType.ABORTED).hasSize(1);
        assertThat(events.get(events.size() - 1).getType()).isEqualTo(JobEventType.ABORTED);
        assertThat(events).hasSize(written.get() + 1);
    }
}
