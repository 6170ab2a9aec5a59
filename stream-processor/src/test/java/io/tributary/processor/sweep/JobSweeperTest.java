package io.tributary.processor.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.processor.JobEvents;
import io.tributary.processor.JobStates;
import io.tributary.processor.Leases;
import io.tributary.schema.FailureReason;
import io.tributary.schema.InstanceLease;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobState;
import io.tributary.schema.topic.Topic;
import io.tributary.schema.topic.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedPunctuator;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sweeper alone, with stores it owns here, so that a terminal event can be held "on its way back"
 * for as long as a test likes (the topology test's driver feeds it back at once).
 */
class JobSweeperTest {

    private static final Instant T0 = JobEvents.T0;
    private static final SweepSettings SETTINGS = new SweepSettings(Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofHours(1));
    private static final JobSweeper.StoreNames STORES = new JobSweeper.StoreNames("jobs", "texts", "leases",
            "marks");

    private final JobEvents job = JobEvents.forJob("job-a");
    private final MockProcessorContext<String, SweepOutcome> context = new MockProcessorContext<>();
    private TimestampedKeyValueStore<String, JobState> jobs;
    private TimestampedKeyValueStore<String, InstanceLease> leases;
    private KeyValueStore<String, SweepMark> marks;
    private CapturedPunctuator sweep;
    /** What the sweeper is told of its task's progress through jobs.deltas; caught up with everything by default. */
    private Instant processedWrittenBefore = Instant.MAX;

    @BeforeEach
    void initSweeper() {
        jobs = timestampedStore(STORES.jobs(), Topics.JOB_STATE);
        leases = timestampedStore(STORES.leases(), Topics.INGEST_LEASES);
        KeyValueStore<String, String> texts = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORES.texts()),
                Serdes.String(), Serdes.String()).withLoggingDisabled().build();
        texts.init(context.getStateStoreContext(), texts);
        context.addStateStore(texts);
        marks = JobSweeper.markStore(STORES.marks()).withLoggingDisabled().build();
        marks.init(context.getStateStoreContext(), marks);
        context.addStateStore(marks);
        JobSweeper sweeper = new JobSweeper(SETTINGS, new SweepMetrics(new SimpleMeterRegistry()), STORES,
                (partition, time) -> processedWrittenBefore != null && !processedWrittenBefore.isBefore(time));
        sweeper.init(context);
        sweep = context.scheduledPunctuators().get(0);
        leases.put("ingest-1", ValueAndTimestamp.make(Leases.alive("ingest-1", T0), 0));
    }

    @Test
    void shouldSweepEverySweepIntervalOfWallClockTime() {
        assertThat(context.scheduledPunctuators()).hasSize(1);
        assertThat(sweep.getInterval()).isEqualTo(SETTINGS.sweepInterval());
        assertThat(sweep.getType()).isEqualTo(PunctuationType.WALL_CLOCK_TIME);
    }

    @Test
    void shouldEndAnOrphanOnlyOnceItsPartitionHasBeenProcessedUpToTheStartOfTheGrace() {
        store(JobStates.folded(job, job.started(), job.text(1, "a")));
        processedWrittenBefore = null;
        sweepAt(T0.plusSeconds(16));
        processedWrittenBefore = T0.plusSeconds(10);
        sweepAt(T0.plusSeconds(18));
        assertThat(terminalSeqs()).as("events written after %s may still be unfolded", processedWrittenBefore).isEmpty();

        processedWrittenBefore = T0.plusSeconds(15);
        sweepAt(T0.plusSeconds(20));

        assertThat(terminalSeqs()).containsExactly(2L);
    }

    @Test
    void shouldNotEndAnOrphanAgainWhileItsTerminalEventIsOnItsWayBack() {
        store(JobStates.folded(job, job.started(), job.text(1, "a")));

        sweepAt(T0.plusSeconds(16));
        sweepAt(T0.plusSeconds(18));
        sweepAt(T0.plusSeconds(60));

        assertThat(terminalSeqs()).containsExactly(2L);
        assertThat(marks.get(job.jobId())).isEqualTo(SweepMark.none().withTerminal(2));
    }

    @Test
    void shouldEndTheJobAgainAfterTheOwnersEventsThatItsTerminalEventLostTo() {
        store(JobStates.folded(job, job.started(), job.text(1, "a")));
        sweepAt(T0.plusSeconds(16));

        // The owner's last events were on the log before the terminal at seq 2: the fold took them and
        // will ignore that terminal.
        store(JobStates.folded(job, job.started(), job.text(1, "a"), job.text(2, "b"), job.text(3, "c")));
        sweepAt(T0.plusSeconds(18));

        assertThat(terminalSeqs()).containsExactly(2L, 4L);
    }

    @Test
    void shouldEndAJobWhoseOwnerIgnoredTheTimeoutAsTimedOutOnceAndAgainOnlyAfterEventsItsTerminalLostTo() {
        leases.put("ingest-1", ValueAndTimestamp.make(Leases.alive("ingest-1", T0, T0.plus(Duration.ofHours(1))), 0));
        store(JobStates.folded(job, job.started(), job.text(1, "a")));
        Instant requestedAt = T0.plus(Duration.ofSeconds(332));
        sweepAt(requestedAt);
        assertThat(marks.get(job.jobId())).isEqualTo(SweepMark.none().withTimeoutRequested(requestedAt));
        context.resetForwards();

        sweepAt(requestedAt.plusSeconds(32));
        sweepAt(requestedAt.plusSeconds(34));
        assertThat(terminalSeqs()).containsExactly(2L);
        assertThat(marks.get(job.jobId())).isEqualTo(SweepMark.none().withTimeoutRequested(requestedAt).withTerminal(2));

        store(JobStates.folded(job, job.started(), job.text(1, "a"), job.text(2, "b")));
        sweepAt(requestedAt.plusSeconds(36));

        assertThat(terminalSeqs()).containsExactly(2L, 3L);
        assertThat(context.forwarded()).allSatisfy(forward -> assertThat(
                ((SweepOutcome.TerminalEvent) forward.record().value()).event().getFailed().getReason())
                .isEqualTo(FailureReason.TIMEOUT));
    }

    @Test
    void shouldForgetWhatItDidForAJobOnceTheJobIsFinishedOrGone() {
        JobEvents other = JobEvents.forJob("job-b");
        store(JobStates.folded(job, job.started()));
        store(JobStates.folded(other, other.started()));
        sweepAt(T0.plusSeconds(16));
        assertThat(terminalSeqs()).containsExactly(1L, 1L);

        store(JobStates.folded(job, job.started(), job.failed(1, FailureReason.INTERRUPTED, "gone")));
        jobs.delete(other.jobId());
        sweepAt(T0.plusSeconds(18));

        assertThat(marks.approximateNumEntries()).isZero();
    }

    @Test
    void shouldRemoveARetiredJobFromTheStoreAndEmitItsRetirement() {
        store(JobStates.folded(job, job.started(), job.completed(1, "stop")));

        sweepAt(T0.plus(Duration.ofHours(2)));

        assertThat(jobs.get(job.jobId())).isNull();
        assertThat(context.forwarded()).singleElement().satisfies(forward -> {
            assertThat(forward.record().key()).isEqualTo(job.jobId());
            assertThat(forward.record().value()).isInstanceOf(SweepOutcome.Retirement.class);
            assertThat(forward.record().timestamp()).isEqualTo(T0.plus(Duration.ofHours(2)).toEpochMilli());
        });
    }

    private void sweepAt(Instant now) {
        sweep.getPunctuator().punctuate(now.toEpochMilli());
    }

    private void store(JobState state) {
        jobs.put(state.getJobId(), ValueAndTimestamp.make(state, 0));
    }

    private List<Long> terminalSeqs() {
        return context.forwarded().stream()
                .map(forward -> forward.record())
                .map(Record::value)
                .map(outcome -> ((SweepOutcome.TerminalEvent) outcome).event())
                .map(JobEvent::getSeq)
                .toList();
    }

    private <V> TimestampedKeyValueStore<String, V> timestampedStore(String name, Topic<String, V> topic) {
        TimestampedKeyValueStore<String, V> store = Stores.timestampedKeyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(name), topic.keySerde(), topic.valueSerde()).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }
}
