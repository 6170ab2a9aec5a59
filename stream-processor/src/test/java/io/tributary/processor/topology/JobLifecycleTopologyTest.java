package io.tributary.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.processor.CloudEventAssertions;
import io.tributary.processor.JobEvents;
import io.tributary.processor.Leases;
import io.tributary.processor.sweep.JobSweeper;
import io.tributary.processor.sweep.OrphanCause;
import io.tributary.schema.CommandType;
import io.tributary.schema.FailureReason;
import io.tributary.schema.InstanceLease;
import io.tributary.schema.JobCommand;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobEventType;
import io.tributary.schema.JobState;
import io.tributary.schema.JobStatus;
import io.tributary.schema.topic.JobEventHeaders;
import io.tributary.schema.topic.Topic;
import io.tributary.schema.topic.Topics;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.test.TestRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The job lifecycle the processor enforces, on the production topology with the production default
 * timings (sweep 2 s, orphan grace 5 s, lease 10 s, timeout 5 min + 30 s, retention 1 h). The
 * driver's wall clock starts at {@link JobEvents#T0}, when the jobs start; sweeps fall on the even
 * seconds after it, and moving the clock past one runs one sweep. The driver feeds what the topology writes to
 * {@code jobs.deltas} back into it at once, as the log would a moment later.
 */
class JobLifecycleTopologyTest {

    private static final Instant T0 = JobEvents.T0;
    private static final String OWNER = "ingest-1";

    private final JobEvents job = JobEvents.forJob("job-a");
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private Instant now = T0;

    private TopologyTestDriver driver;
    private TestInputTopic<String, JobEvent> deltas;
    private TestInputTopic<String, InstanceLease> leases;
    private TestOutputTopic<String, JobEvent> written;
    private TestOutputTopic<String, JobState> states;
    private TestOutputTopic<String, JobCommand> commands;

    private void startDriver(Properties config) {
        driver = new TopologyTestDriver(TopologyFixture.jobStateTopology(config, registry), config, now);
        deltas = input(Topics.JOB_DELTAS);
        leases = input(Topics.INGEST_LEASES);
        written = output(Topics.JOB_DELTAS);
        states = output(Topics.JOB_STATE);
        commands = output(Topics.JOB_CONTROL);
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void shouldEndTheJobOfAnExpiredLeaseAsInterruptedAtTheNextSeqAndKeepItsContent() {
        startDriver(TopologyFixture.config());
        leases.pipeInput(OWNER, Leases.alive(OWNER, T0));
        send(job.started(), job.text(1, "Hel"), job.text(2, "lo"));
        readStates(job.jobId(), 3);

        advanceTo(T0.plusSeconds(15));
        assertThat(written.isEmpty()).as("expired at T0+10s, but not by more than the 5 s grace").isTrue();

        advanceTo(T0.plusSeconds(16));
        TestRecord<String, JobEvent> record = written.readRecord();
        KeyValue<String, JobEvent> terminal = KeyValue.pair(record.key(), record.value());
        assertThat(terminal.key).isEqualTo(job.jobId());
        assertThat(terminal.value.getJobId()).isEqualTo(job.jobId());
        // Like every record of jobs.deltas: its type and CloudEvents attributes in headers.
        assertThat(header(record, JobEventHeaders.TYPE)).isEqualTo("FAILED");
        assertThat(header(record, "ce_id")).isEqualTo(job.jobId() + ":3");
        assertThat(header(record, "ce_source")).isEqualTo(JobEventHeaders.PROCESSOR_SOURCE);
        assertThat(header(record, "ce_type")).isEqualTo("io.tributary.job.failed");
        assertThat(terminal.value.getType()).isEqualTo(JobEventType.FAILED);
        assertThat(terminal.value.getSeq()).isEqualTo(3);
        assertThat(terminal.value.getTimestamp()).isEqualTo(T0.plusSeconds(16));
        assertThat(terminal.value.getFailed().getReason()).isEqualTo(FailureReason.INTERRUPTED);
        assertThat(terminal.value.getFailed().getMessage()).isEqualTo(OrphanCause.LEASE_EXPIRED.message());

        JobState ended = readStates(job.jobId(), 1).get(0);
        assertThat(ended.getStatus()).isEqualTo(JobStatus.ERROR);
        assertThat(ended.getSeq()).isEqualTo(3);
        assertThat(ended.getContent()).isEqualTo("Hello");
        assertThat(ended.getChunksReceived()).isEqualTo(2);
        assertThat(ended.getFailure()).isEqualTo(terminal.value.getFailed());
        assertThat(ended.getCompletedAt()).isEqualTo(T0.plusSeconds(16));
        assertThat(orphansEnded(OrphanCause.LEASE_EXPIRED)).isEqualTo(1);
        assertNothingElseWritten();
    }

    @Test
    void shouldNeverEndTheJobOfALiveOwnerHoweverLongItIsSilentWhileAnotherOwnersJobEnds() {
        startDriver(TopologyFixture.config());
        JobEvents other = JobEvents.forJob("job-b").ownedBy("ingest-2");
        leases.pipeInput(OWNER, Leases.alive(OWNER, T0));
        leases.pipeInput("ingest-2", Leases.alive("ingest-2", T0));
        send(job.started(), job.text(1, "kept"), other.started(), other.text(1, "lost"));
        readStates(4);

        // ingest-1 renews its lease before every sweep for two minutes; ingest-2 never renews.
        for (int second = 2; second <= 120; second += 2) {
            leases.pipeInput(OWNER, Leases.alive(OWNER, now));
            advanceTo(T0.plusSeconds(second));
        }

        KeyValue<String, JobEvent> terminal = written.readKeyValue();
        assertThat(terminal.key).isEqualTo(other.jobId());
        assertThat(terminal.value.getSeq()).isEqualTo(2);
        JobState ended = readStates(other.jobId(), 1).get(0);
        assertThat(ended.getStatus()).isEqualTo(JobStatus.ERROR);
        assertThat(ended.getContent()).isEqualTo("lost");
        JobState kept = stored(job.jobId());
        assertThat(kept).isNotNull();
        assertThat(kept.getStatus()).isEqualTo(JobStatus.STREAMING);
        assertThat(kept.getSeq()).isEqualTo(1);
        assertNothingElseWritten();
    }

    @Test
    void shouldEndTheJobAtTheFirstSweepAfterTheGraceOnceItsOwnerStoppedEvenBeforeTheLeaseWouldExpire() {
        startDriver(TopologyFixture.config());
        leases.pipeInput(OWNER, Leases.alive(OWNER, T0));
        send(job.started(), job.text(1, "partial"));
        readStates(job.jobId(), 2);
        advanceTo(T0.plusSeconds(2));
        assertThat(written.isEmpty()).isTrue();

        leases.pipeInput(OWNER, Leases.stopped(OWNER, T0.plusSeconds(3)));
        advanceTo(T0.plusSeconds(8));
        assertThat(written.isEmpty()).as("the owner's own terminal event may still be on its way").isTrue();
        advanceTo(T0.plusSeconds(10));

        KeyValue<String, JobEvent> terminal = written.readKeyValue();
        assertThat(terminal.key).isEqualTo(job.jobId());
        assertThat(terminal.value.getSeq()).isEqualTo(2);
        assertThat(terminal.value.getFailed().getReason()).isEqualTo(FailureReason.INTERRUPTED);
        assertThat(terminal.value.getFailed().getMessage()).isEqualTo(OrphanCause.OWNER_STOPPED.message());
        JobState ended = readStates(job.jobId(), 1).get(0);
        assertThat(ended.getStatus()).isEqualTo(JobStatus.ERROR);
        assertThat(ended.getContent()).isEqualTo("partial");
        assertThat(orphansEnded(OrphanCause.OWNER_STOPPED)).isEqualTo(1);
        assertNothingElseWritten();
    }

    @Test
    void shouldEndAJobWhoseOwnerHasNoLeaseOnlyAfterALeaseDurationAndTheGraceWithoutAnEvent() {
        startDriver(TopologyFixture.config());
        send(job.started(), job.text(1, "a"), job.text(2, "b"));
        readStates(job.jobId(), 3);

        advanceTo(T0.plusSeconds(16));
        assertThat(written.isEmpty()).as("last event at T0+2s, so silent for less than 10 s + 5 s").isTrue();

        send(job.text(3, "c"));
        readStates(job.jobId(), 1);
        advanceTo(T0.plusSeconds(18));
        assertThat(written.isEmpty()).as("the event of T0+3s restarted the silence").isTrue();

        advanceTo(T0.plusSeconds(20));
        KeyValue<String, JobEvent> terminal = written.readKeyValue();
        assertThat(terminal.key).isEqualTo(job.jobId());
        assertThat(terminal.value.getSeq()).isEqualTo(4);
        assertThat(terminal.value.getFailed().getMessage()).isEqualTo(OrphanCause.NO_LEASE.message());
        JobState ended = readStates(job.jobId(), 1).get(0);
        assertThat(ended.getStatus()).isEqualTo(JobStatus.ERROR);
        assertThat(ended.getContent()).isEqualTo("abc");
        assertThat(orphansEnded(OrphanCause.NO_LEASE)).isEqualTo(1);
        assertNothingElseWritten();
    }

    @Test
    void shouldWriteOneTerminalEventForAnOrphanHoweverManySweepsFollow() {
        startDriver(TopologyFixture.config());
        leases.pipeInput(OWNER, Leases.alive(OWNER, T0));
        send(job.started());
        readStates(job.jobId(), 1);

        for (int second = 2; second <= 60; second += 2) {
            advanceTo(T0.plusSeconds(second));
        }

        assertThat(written.readValuesToList()).extracting(JobEvent::getSeq).containsExactly(1L);
        assertThat(readStates(job.jobId(), 1).get(0).getStatus()).isEqualTo(JobStatus.ERROR);
        assertThat(orphansEnded(OrphanCause.LEASE_EXPIRED)).isEqualTo(1);
        assertNothingElseWritten();
    }

    @Test
    void shouldAskTheLiveOwnerOnceToTimeOutAJobOlderThanTheTimeoutAndItsGrace() {
        startDriver(TopologyFixture.config());
        leases.pipeInput(OWNER, Leases.alive(OWNER, T0, T0.plus(Duration.ofHours(1))));
        send(job.started(), job.text(1, "long"));
        readStates(job.jobId(), 2);

        advanceTo(T0.plus(Duration.ofSeconds(330)));
        assertThat(commands.isEmpty()).as("exactly 5 min + 30 s old").isTrue();

        advanceTo(T0.plus(Duration.ofSeconds(332)));
        TestRecord<String, JobCommand> written = commands.readRecord();
        CloudEventAssertions.assertCloudEvent(written.headers(), job.jobId() + ":command:timeout",
                "io.tributary.job.command.timeout", job.jobId(), "io.tributary.schema.JobCommand");
        KeyValue<String, JobCommand> command = new KeyValue<>(written.key(), written.value());
        assertThat(command.key).isEqualTo(job.jobId());
        assertThat(command.value.getJobId()).isEqualTo(job.jobId());
        assertThat(command.value.getType()).isEqualTo(CommandType.TIMEOUT);
        assertThat(command.value.getRequestedBy()).isEqualTo(JobSweeper.REQUESTED_BY);
        assertThat(command.value.getTimestamp()).isEqualTo(T0.plus(Duration.ofSeconds(332)));

        advanceTo(T0.plus(Duration.ofSeconds(334)));
        assertThat(commands.isEmpty()).as("once per job").isTrue();

        // The owner obeys, well within the escalation.
        send(job.failed(2, FailureReason.TIMEOUT, "Job timed out"));
        JobState ended = readStates(job.jobId(), 1).get(0);
        assertThat(ended.getStatus()).isEqualTo(JobStatus.ERROR);
        assertThat(ended.getFailure().getReason()).isEqualTo(FailureReason.TIMEOUT);
        assertThat(ended.getContent()).isEqualTo("long");

        advanceTo(T0.plus(Duration.ofSeconds(366)));
        advanceTo(T0.plus(Duration.ofMinutes(10)));
        assertThat(registry.get("tributary.processor.timeouts.requested").counter().count()).isEqualTo(1);
        assertThat(timeoutsEscalated()).isZero();
        assertNothingElseWritten();
    }

    @Test
    void shouldEndTheJobAsTimedOutAtTheNextSeqWhenTheLiveOwnerIgnoresTheTimeoutCommandForTheEscalation() {
        startDriver(TopologyFixture.config());
        leases.pipeInput(OWNER, Leases.alive(OWNER, T0, T0.plus(Duration.ofHours(1))));
        send(job.started(), job.text(1, "given "), job.text(2, "up"));
        readStates(job.jobId(), 3);

        advanceTo(T0.plus(Duration.ofSeconds(332)));
        KeyValue<String, JobCommand> command = commands.readKeyValue();
        assertThat(command.key).isEqualTo(job.jobId());
        assertThat(command.value.getType()).isEqualTo(CommandType.TIMEOUT);
        assertThat(commands.isEmpty()).isTrue();

        // The owner gave up on the job without a terminal event: it ignores the command, its lease lives on.
        advanceTo(T0.plus(Duration.ofSeconds(334)));
        advanceTo(T0.plus(Duration.ofSeconds(362)));
        assertThat(written.isEmpty()).as("exactly the 30 s escalation after the command").isTrue();
        assertThat(states.isEmpty()).isTrue();

        advanceTo(T0.plus(Duration.ofSeconds(364)));
        KeyValue<String, JobEvent> terminal = written.readKeyValue();
        assertThat(terminal.key).isEqualTo(job.jobId());
        assertThat(terminal.value.getJobId()).isEqualTo(job.jobId());
        assertThat(terminal.value.getType()).isEqualTo(JobEventType.FAILED);
        assertThat(terminal.value.getSeq()).isEqualTo(3);
        assertThat(terminal.value.getTimestamp()).isEqualTo(T0.plus(Duration.ofSeconds(364)));
        assertThat(terminal.value.getFailed().getReason()).isEqualTo(FailureReason.TIMEOUT);
        assertThat(terminal.value.getFailed().getMessage()).isEqualTo("Job timed out");

        JobState ended = readStates(job.jobId(), 1).get(0);
        assertThat(ended.getStatus()).isEqualTo(JobStatus.ERROR);
        assertThat(ended.getSeq()).isEqualTo(3);
        assertThat(ended.getContent()).isEqualTo("given up");
        assertThat(ended.getChunksReceived()).isEqualTo(2);
        assertThat(ended.getFailure()).isEqualTo(terminal.value.getFailed());
        assertThat(ended.getCompletedAt()).isEqualTo(T0.plus(Duration.ofSeconds(364)));

        for (int second = 366; second <= 400; second += 2) {
            advanceTo(T0.plus(Duration.ofSeconds(second)));
        }
        advanceTo(T0.plus(Duration.ofMinutes(30)));
        assertThat(registry.get("tributary.processor.timeouts.requested").counter().count()).isEqualTo(1);
        assertThat(timeoutsEscalated()).isEqualTo(1);
        assertNothingElseWritten();
    }

    @Test
    void shouldTombstoneAFinishedJobOnceItsRetentionHasPassedAndNotBefore() {
        startDriver(TopologyFixture.config());
        send(job.started(), job.text(1, "done"), job.completed(2, "stop"));
        List<TestRecord<String, JobState>> published = states.readRecordsToList();
        assertThat(published).hasSize(3);
        for (TestRecord<String, JobState> state : published) {
            CloudEventAssertions.assertCloudEvent(state.headers(), job.jobId() + ":state:" + state.value().getSeq(),
                    "io.tributary.job.state", job.jobId(), "io.tributary.schema.JobState");
        }
        Instant completedAt = T0.plusSeconds(2);

        advanceTo(completedAt.plus(Duration.ofHours(1)));
        assertThat(states.isEmpty()).isTrue();
        assertThat(stored(job.jobId())).as("still within the retention").isNotNull();

        advanceTo(completedAt.plus(Duration.ofHours(1)).plusSeconds(2));
        TestRecord<String, JobState> retired = states.readRecord();
        CloudEventAssertions.assertCloudEvent(retired.headers(), job.jobId() + ":retired", "io.tributary.job.retired",
                job.jobId(), null);
        KeyValue<String, JobState> tombstone = new KeyValue<>(retired.key(), retired.value());
        assertThat(tombstone.key).isEqualTo(job.jobId());
        assertThat(tombstone.value).isNull();
        assertThat(stored(job.jobId())).isNull();
        assertThat(storedTexts()).as("the retired job's texts go with it").isEmpty();
        assertThat(registry.get("tributary.processor.jobs.retired").counter().count()).isEqualTo(1);

        advanceTo(now.plusSeconds(2));
        assertNothingElseWritten();
    }

    @Test
    void shouldNeitherRestoreNorPublishARetiredJobWhenItsLateEventsArrive() {
        startDriver(TopologyFixture.config());
        send(job.started(), job.text(1, "done"), job.completed(2, "stop"));
        readStates(job.jobId(), 3);
        advanceTo(T0.plus(Duration.ofHours(2)));
        assertThat(states.readKeyValue().value).isNull();

        // A late delta and a second terminal (say, a zombie ingest's): only STARTED creates a job.
        send(job.text(3, "late"), job.failed(4, "late failure"));
        advanceTo(now.plusSeconds(2));

        assertThat(stored(job.jobId())).isNull();
        assertNothingElseWritten();
    }

    @Test
    void shouldPublishOneTombstoneAsTheLastStateOfARetiredJobWithTheRecordCacheOn() {
        Properties config = TopologyFixture.config();
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 10 * 1024 * 1024);
        startDriver(config);
        send(job.started(), job.text(1, "done"), job.completed(2, "stop"));
        advanceTo(T0.plus(Duration.ofHours(2)));
        send(job.text(3, "late"));
        advanceTo(now.plusSeconds(2));

        List<KeyValue<String, JobState>> published = states.readKeyValuesToList();
        assertThat(published).isNotEmpty();
        assertThat(published.get(published.size() - 1).value).isNull();
        assertThat(published).filteredOn(record -> record.value == null).hasSize(1);
        assertThat(published).filteredOn(record -> record.value != null)
                .allSatisfy(record -> assertThat(record.value.getStatus()).isIn(JobStatus.STREAMING, JobStatus.COMPLETE));
        assertThat(stored(job.jobId())).isNull();
        assertNothingElseWritten();
    }

    @Test
    void shouldTimeHowFarBehindTheLogTheFoldRunsAndCountStreamingJobsAtEachSweep() {
        startDriver(TopologyFixture.config());
        leases.pipeInput(OWNER, Leases.alive(OWNER, T0));
        JobEvents other = JobEvents.forJob("job-b");
        // Produced 40 ms before the fold's wall clock (T0) takes them.
        for (JobEvent event : List.of(job.started(), job.text(1, "a"), other.started())) {
            deltas.pipeInput(event.getJobId(), event, T0.minusMillis(40));
        }
        readStates(3);

        Timer lag = registry.get("tributary.processor.fold.lag").timer();
        assertThat(lag.count()).isEqualTo(3);
        assertThat(lag.max(TimeUnit.MILLISECONDS)).isEqualTo(40.0);
        assertThat(activeJobs()).as("no sweep has counted yet").isZero();

        advanceTo(T0.plusSeconds(2));
        assertThat(activeJobs()).isEqualTo(2);

        deltas.pipeInput(job.jobId(), job.completed(2, "stop"), now);
        advanceTo(T0.plusSeconds(4));
        assertThat(activeJobs()).isEqualTo(1);
        assertThat(lag.count()).isEqualTo(4);
    }

    private double activeJobs() {
        return registry.get("tributary.processor.jobs.active").gauge().value();
    }

    private void send(JobEvent... events) {
        for (JobEvent event : events) {
            deltas.pipeInput(event.getJobId(), event);
        }
    }

    /** Moves the wall clock, which runs one sweep when a sweep interval has passed. */
    private void advanceTo(Instant time) {
        driver.advanceWallClockTime(Duration.between(now, time));
        now = time;
    }

    /** Reads exactly {@code count} states, all of which must be the given job's. */
    private List<JobState> readStates(String jobId, int count) {
        List<JobState> published = new ArrayList<>();
        for (KeyValue<String, JobState> record : readStates(count)) {
            assertThat(record.key).isEqualTo(jobId);
            assertThat(record.value).isNotNull();
            published.add(record.value);
        }
        return published;
    }

    private List<KeyValue<String, JobState>> readStates(int count) {
        List<KeyValue<String, JobState>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            assertThat(states.isEmpty()).as("state %d of %d expected", i + 1, count).isFalse();
            records.add(states.readKeyValue());
        }
        return records;
    }

    private @Nullable JobState stored(String jobId) {
        return ValueAndTimestamp.getValueOrNull(
                driver.<String, JobState>getTimestampedKeyValueStore(JobStateTopology.STORE).get(jobId));
    }

    private List<String> storedTexts() {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, String> all = driver.<String, String>getKeyValueStore(JobStateTopology.TEXT_STORE)
                .all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }

    private double orphansEnded(OrphanCause cause) {
        return registry.get("tributary.processor.orphans.ended").tag("cause", cause.tag()).counter().count();
    }

    private double timeoutsEscalated() {
        return registry.get("tributary.processor.timeouts.escalated").counter().count();
    }

    private void assertNothingElseWritten() {
        assertThat(written.isEmpty()).as("jobs.deltas").isTrue();
        assertThat(states.isEmpty()).as("jobs.state").isTrue();
        assertThat(commands.isEmpty()).as("jobs.control").isTrue();
    }

    private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    private <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }

    private static String header(TestRecord<String, JobEvent> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
