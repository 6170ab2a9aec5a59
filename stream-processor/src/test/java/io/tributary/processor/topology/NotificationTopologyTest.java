package io.tributary.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.processor.CloudEventAssertions;
import io.tributary.processor.JobEvents;
import io.tributary.processor.Leases;
import io.tributary.processor.Presences;
import io.tributary.processor.notify.JobViewers;
import io.tributary.processor.notify.NotificationComposer;
import io.tributary.processor.notify.ViewerConnection;
import io.tributary.processor.sweep.OrphanCause;
import io.tributary.schema.FailureReason;
import io.tributary.schema.InstanceLease;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobMode;
import io.tributary.schema.JobStarted;
import io.tributary.schema.JobState;
import io.tributary.schema.JobStatus;
import io.tributary.schema.Notification;
import io.tributary.schema.NotificationAction;
import io.tributary.schema.ThreadPreference;
import io.tributary.schema.ViewerPresence;
import io.tributary.schema.topic.RecordKeys;
import io.tributary.schema.topic.Topic;
import io.tributary.schema.topic.Topics;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Viewer presence and notifications on the production topology with the production defaults
 * (presence retention 10 min, pruned every minute). Records carry their own times as timestamps: a job
 * event its {@code timestamp}, a presence record its {@code at}; job {@code job-a} ends at
 * {@code T0 + 2 s} ({@link #END}). The driver's wall clock starts at {@link JobEvents#T0}, and the
 * owner's lease lasts a day, so the sweeper stays out of the way unless a test lets it act.
 */
class NotificationTopologyTest {

    private static final Instant T0 = JobEvents.T0;
    private static final String OWNER = "ingest-1";

    private final JobEvents job = JobEvents.forJob("job-a");
    private final Instant end = job.at(2);
    private final Presences tab = Presences.of(job.jobId(), "gateway-1", "c-1");
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private Instant now = T0;

    private TopologyTestDriver driver;
    private TestInputTopic<String, JobEvent> deltas;
    private TestInputTopic<String, ViewerPresence> viewers;
    private TestInputTopic<String, ThreadPreference> prefs;
    private TestInputTopic<String, InstanceLease> leases;
    private TestOutputTopic<String, Notification> notifications;

    private void startDriver(Properties config) {
        driver = new TopologyTestDriver(TopologyFixture.jobStateTopology(config, registry), config, now);
        deltas = input(Topics.JOB_DELTAS);
        viewers = input(Topics.JOB_VIEWERS);
        prefs = input(Topics.THREAD_PREFS);
        leases = input(Topics.INGEST_LEASES);
        notifications = driver.createOutputTopic(Topics.NOTIFICATIONS.name(),
                Topics.NOTIFICATIONS.keySerde().deserializer(), Topics.NOTIFICATIONS.valueSerde().deserializer());
        leases.pipeInput(OWNER, Leases.alive(OWNER, T0, T0.plus(Duration.ofDays(1))));
    }

    private void startDriver() {
        startDriver(TopologyFixture.config());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void shouldNotifyTheUserOfACompletedJobKeyedByUserAtTheTimeOfItsTerminalRecord() {
        startDriver();
        send(job.started(), job.text(1, "Hi"), job.completed(2, "stop"));

        TestRecord<String, Notification> record = notifications.readRecord();
        assertThat(record.key()).isEqualTo("user-job-a");
        CloudEventAssertions.assertCloudEvent(record.headers(), NotificationComposer.notificationId("job-a"),
                "io.tributary.notification", "job-a", "io.tributary.schema.Notification");
        assertThat(record.getRecordTime()).isEqualTo(end);
        Notification notification = record.value();
        assertThat(notification.getId()).isEqualTo(NotificationComposer.notificationId("job-a"));
        assertThat(notification.getUserId()).isEqualTo("user-job-a");
        assertThat(notification.getJobId()).isEqualTo("job-a");
        assertThat(notification.getThreadId()).isEqualTo("thread-job-a");
        assertThat(notification.getMessageId()).isEqualTo("message-job-a");
        assertThat(notification.getType()).isEqualTo("ai.message.received");
        assertThat(notification.getTitle()).isEqualTo("AI response ready");
        assertThat(notification.getBody()).isEqualTo("Your background response is ready.");
        assertThat(notification.getOutcome()).isEqualTo(JobStatus.COMPLETE);
        assertThat(notification.getError()).isNull();
        assertThat(notification.getCreatedAt()).isEqualTo(end);
        assertThat(notification.getActions()).containsExactly(NotificationAction.newBuilder()
                .setId("open-chat").setLabel("Open chat").setKind("navigate")
                .setTarget(Map.of("threadId", "thread-job-a"))
                .setData(Map.of("messageId", "message-job-a"))
                .build());
        assertThat(sent("ai.message.received")).isEqualTo(1);
        assertThat(notifications.isEmpty()).isTrue();
    }

    /**
     * The decider reads the state folded from the very record it decides on: were it to run before the
     * fold, it would see a streaming job and never notify. With the record cache on, as in production,
     * the fold's write is still in the cache when the decider reads it.
     */
    @Test
    void shouldCarryTheJobsTraceFromItsEventsToItsStartAndEndStatesAndItsNotification() {
        startDriver();
        TestOutputTopic<String, JobState> states = driver.createOutputTopic(Topics.JOB_STATE.name(),
                Topics.JOB_STATE.keySerde().deserializer(), Topics.JOB_STATE.valueSerde().deserializer());
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        for (JobEvent event : List.of(job.started(), job.text(1, "Hi"), job.completed(2, "stop"))) {
            RecordHeaders headers = new RecordHeaders();
            headers.add("traceparent", traceparent.getBytes(StandardCharsets.US_ASCII));
            deltas.pipeInput(new TestRecord<>(event.getJobId(), event, headers, event.getTimestamp()));
        }

        TestRecord<String, Notification> notification = notifications.readRecord();
        List<TestRecord<String, JobState>> published = states.readRecordsToList();

        assertThat(header(notification.headers(), "traceparent")).isEqualTo(traceparent);
        assertThat(published).filteredOn(state -> state.value().getSeq() != 1).hasSize(2)
                .allSatisfy(state -> assertThat(header(state.headers(), "traceparent")).isEqualTo(traceparent));
    }

    private static String header(org.apache.kafka.common.header.Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.US_ASCII);
    }

    @Test
    void shouldDecideAfterTheFoldOfTheSameRecordAlsoWithTheRecordCacheOn() {
        Properties config = TopologyFixture.config();
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 10 * 1024 * 1024);
        startDriver(config);
        send(job.started(), job.text(1, "Hi"), job.completed(2, "stop"));

        assertThat(notifications.readValuesToList()).extracting(Notification::getJobId).containsExactly("job-a");
    }

    @Test
    void shouldNotifyAFailedJobAsAWarningWithTheFailureMessage() {
        startDriver();
        send(job.started(), job.failed(1, FailureReason.UPSTREAM_ERROR, "Upstream said 502"));

        Notification notification = notifications.readValue();
        assertWarning(notification, "AI response failed", "Upstream said 502", JobStatus.ERROR);
        assertThat(notification.getError()).isEqualTo("Upstream said 502");
        assertThat(notifications.isEmpty()).isTrue();
    }

    @Test
    void shouldNotifyATimedOutJobAsAWarning() {
        startDriver();
        send(job.started(), job.text(1, "long"), job.failed(2, FailureReason.TIMEOUT, "Job timed out"));

        Notification notification = notifications.readValue();
        assertWarning(notification, "AI response failed", "Job timed out", JobStatus.ERROR);
        assertThat(notification.getCreatedAt()).isEqualTo(end);
        assertThat(notifications.isEmpty()).isTrue();
    }

    @Test
    void shouldNotifyAnOrphanEndedByTheProcessorAsInterruptedAtTheTimeOfItsTerminal() {
        startDriver();
        JobEvents orphan = JobEvents.forJob("job-o").ownedBy("ingest-dead");
        leases.pipeInput("ingest-dead", Leases.alive("ingest-dead", T0));
        send(orphan.started(), orphan.text(1, "partial"));

        advanceTo(T0.plusSeconds(16));

        TestRecord<String, Notification> record = notifications.readRecord();
        assertThat(record.key()).isEqualTo("user-job-o");
        assertWarning(record.value(), "AI response failed", OrphanCause.LEASE_EXPIRED.message(), JobStatus.ERROR);
        assertThat(record.value().getCreatedAt()).isEqualTo(T0.plusSeconds(16));
        assertThat(record.getRecordTime()).isEqualTo(T0.plusSeconds(16));
        assertThat(notifications.isEmpty()).isTrue();
    }

    @Test
    void shouldNotifyAnAbortedJobAsStopped() {
        startDriver();
        send(job.started(), job.text(1, "Half"), job.aborted(2, "user"));

        assertWarning(notifications.readValue(), "AI response stopped", "The background response was stopped.",
                JobStatus.ABORTED);
        assertThat(notifications.isEmpty()).isTrue();
    }

    @Test
    void shouldNotNotifyWhenAViewerJoinedAndIsStillThere() {
        startDriver();
        send(job.started());
        view(tab.joined(job.at(1), job.at(1).plusSeconds(30)));
        send(job.text(1, "Hi"), job.completed(2, "stop"));

        assertThat(notifications.isEmpty()).isTrue();
        assertThat(suppressed("watched")).isEqualTo(1);
    }

    @Test
    void shouldNotifyWhenTheViewerLeftBeforeTheEnd() {
        startDriver();
        send(job.started());
        view(tab.joined(job.at(0), job.at(0).plusSeconds(30)));
        send(job.text(1, "Hi"));
        view(tab.left(end.minusMillis(1)));
        send(job.completed(2, "stop"));

        assertThat(notifications.readValuesToList()).extracting(Notification::getJobId).containsExactly("job-a");
    }

    @Test
    void shouldNotNotifyWhenTheViewerLeftInTheSameMillisecondAsTheEnd() {
        startDriver();
        send(job.started());
        view(tab.joined(job.at(0), job.at(0).plusSeconds(30)));
        view(tab.left(end));
        send(job.text(1, "Hi"), job.completed(2, "stop"));

        assertThat(notifications.isEmpty()).isTrue();
        assertThat(suppressed("watched")).isEqualTo(1);
    }

    @Test
    void shouldNotifyWhenTheViewersLeaseExpiredBeforeTheEndWithoutALeaveAsWhenItsGatewayDied() {
        startDriver();
        send(job.started());
        view(tab.joined(job.at(0), end.minusMillis(1)));
        send(job.text(1, "Hi"), job.completed(2, "stop"));

        assertThat(notifications.readValuesToList()).extracting(Notification::getJobId).containsExactly("job-a");
    }

    @Test
    void shouldNotNotifyWhenARenewalExtendedTheViewersLeasePastTheEnd() {
        startDriver();
        send(job.started());
        view(tab.joined(job.at(0), job.at(1)));
        view(tab.renewed(job.at(1), job.at(1).plusSeconds(30)));
        send(job.text(1, "Hi"), job.completed(2, "stop"));

        assertThat(notifications.isEmpty()).isTrue();
        assertThat(suppressed("watched")).isEqualTo(1);
        assertThat(registry.get("tributary.processor.presence.applied").tag("kind", "renewed").counter().count())
                .isEqualTo(1);
    }

    @Test
    void shouldNotLetARenewalAfterTheViewerLeftReviveItsConnection() {
        startDriver();
        send(job.started());
        view(tab.joined(job.at(0), job.at(0).plusSeconds(30)));
        view(tab.left(job.at(1)));
        view(tab.renewed(job.at(1).plusMillis(1), job.at(1).plusSeconds(30)));
        send(job.completed(2, "stop"));

        assertThat(notifications.readValuesToList()).extracting(Notification::getJobId).containsExactly("job-a");
        assertThat(registry.get("tributary.processor.presence.ignored").tag("reason", "connection-left").counter().count())
                .isEqualTo(1);
    }

    @Test
    void shouldNotNotifyForAMutedThread() {
        startDriver();
        mute(true);
        send(job.started(), job.completed(2, "stop"));

        assertThat(notifications.isEmpty()).isTrue();
        assertThat(suppressed("muted")).isEqualTo(1);
    }

    @Test
    void shouldNotifyForAThreadUnmutedByATombstoneOrByMutedFalse() {
        startDriver();
        JobEvents other = JobEvents.forJob("job-b");
        mute(true);
        prefs.pipeInput(RecordKeys.thread(job.userId(), "thread-job-a"), null, T0);
        prefs.pipeInput(RecordKeys.thread(other.userId(), "thread-job-b"), preference(other.userId(), "thread-job-b", false), T0);
        send(job.started(), job.completed(2, "stop"), other.started(), other.completed(2, "stop"));

        assertThat(notifications.readValuesToList()).extracting(Notification::getJobId).containsExactly("job-a", "job-b");
        assertThat(suppressed("muted")).isZero();
    }

    @Test
    void shouldNotNotifyForAForegroundJob() {
        startDriver();
        JobEvent started = job.started();
        JobEvent foreground = JobEvent.newBuilder(started)
                .setStarted(JobStarted.newBuilder(started.getStarted()).setMode(JobMode.FOREGROUND).build())
                .build();
        send(foreground, job.text(1, "Hi"), job.completed(2, "stop"));

        assertThat(notifications.isEmpty()).isTrue();
        assertThat(suppressed("foreground")).isEqualTo(1);
    }

    @Test
    void shouldNeverNotifyTwiceForASecondTerminalADuplicateOrAStrayEventAfterTheEnd() {
        startDriver();
        JobEvent completed = job.completed(2, "stop");
        send(job.started(), job.text(1, "Hi"), completed);
        assertThat(notifications.readValuesToList()).hasSize(1);

        send(completed, job.failed(3, "a zombie's failure"), job.aborted(3, "late"), job.text(3, "stray"),
                job.completed(4, "stop"));

        assertThat(notifications.isEmpty()).isTrue();
        assertThat(sent("ai.message.received") + sent("system.warning")).isEqualTo(1);
    }

    @Test
    void shouldRemoveTheJobsPresenceOnceDecidedEitherWay() {
        startDriver();
        JobEvents other = JobEvents.forJob("job-b");
        Presences otherTab = Presences.of(other.jobId(), "gateway-1", "c-2");
        send(job.started(), other.started());
        view(tab.joined(job.at(0), job.at(0).plusSeconds(30)));
        view(otherTab.joined(other.at(0), other.at(0).plusSeconds(30)));
        view(otherTab.left(other.at(1)));
        assertThat(presence(job.jobId())).isNotNull();
        assertThat(presence(other.jobId())).isNotNull();

        send(job.completed(2, "stop"), other.completed(2, "stop"));

        assertThat(notifications.readValuesToList()).extracting(Notification::getJobId).containsExactly("job-b");
        assertThat(presence(job.jobId())).as("suppressed: watched").isNull();
        assertThat(presence(other.jobId())).as("notified").isNull();
    }

    @Test
    void shouldIgnorePresenceForAJobThatHasAlreadyEnded() {
        startDriver();
        send(job.started(), job.completed(2, "stop"));
        notifications.readValue();

        view(tab.joined(job.at(3), job.at(3).plusSeconds(30)));

        assertThat(presence(job.jobId())).isNull();
        assertThat(registry.get("tributary.processor.presence.ignored").tag("reason", "job-ended").counter().count())
                .isEqualTo(1);
    }

    @Test
    void shouldKeepPresenceForAJobNotStartedYetAndCountItWhenTheJobEnds() {
        startDriver();
        view(tab.joined(T0.minusMillis(5), T0.plusSeconds(30)));
        assertThat(presence(job.jobId())).isEqualTo(new JobViewers(List.of(
                new ViewerConnection("gateway-1", "c-1", T0.minusMillis(5), T0.plusSeconds(30), false))));

        send(job.started(), job.completed(2, "stop"));

        assertThat(notifications.isEmpty()).isTrue();
        assertThat(suppressed("watched")).isEqualTo(1);
    }

    @Test
    void shouldPruneEntriesWhoseConnectionsAllEndedLongerThanTheRetentionAgoAndKeepRecentOnes() {
        startDriver();
        Presences old = Presences.of("job-old", "gateway-1", "c-1");
        Presences recent = Presences.of("job-recent", "gateway-1", "c-2");
        view(old.joined(T0, T0.plusSeconds(30)));
        view(old.left(T0.plusSeconds(10)));
        view(recent.joined(T0.plus(Duration.ofMinutes(9)), T0.plus(Duration.ofMinutes(9)).plusSeconds(30)));
        view(recent.renewed(T0.plus(Duration.ofSeconds(630)), T0.plus(Duration.ofMinutes(11))));

        advanceTo(T0.plus(Duration.ofMinutes(10)));
        assertThat(presence("job-old")).as("ended at T0+10s, 10 min ago by the wall clock but not by stream time")
                .isNotNull();

        advanceTo(T0.plus(Duration.ofMinutes(11)));
        assertThat(presence("job-old")).as("ended more than 10 min before the stream time of T0+10m30s").isNull();
        assertThat(presence("job-recent")).isNotNull();
    }

    /**
     * A processor catching up on a backlog reads records far older than its wall clock: an entry must
     * outlive the wall-clock prune until the records around it, among them its job's end, are read.
     */
    @Test
    void shouldKeepPresenceThatIsOldByTheWallClockWhileTheTaskIsStillReadingRecordsOfItsTime() {
        startDriver();
        view(tab.joined(T0, T0.plusSeconds(30)));

        advanceTo(T0.plus(Duration.ofHours(1)));
        send(job.started(), job.completed(2, "stop"));

        assertThat(notifications.isEmpty()).isTrue();
        assertThat(suppressed("watched")).isEqualTo(1);
    }

    private void send(JobEvent... events) {
        for (JobEvent event : events) {
            deltas.pipeInput(event.getJobId(), event, event.getTimestamp());
        }
    }

    private void view(ViewerPresence presence) {
        viewers.pipeInput(presence.getJobId(), presence, presence.getAt());
    }

    private void mute(boolean muted) {
        prefs.pipeInput(RecordKeys.thread(job.userId(), "thread-job-a"), preference(job.userId(), "thread-job-a", muted), T0);
    }

    private static ThreadPreference preference(String userId, String threadId, boolean muted) {
        return ThreadPreference.newBuilder().setUserId(userId).setThreadId(threadId).setMuted(muted).setUpdatedAt(T0).build();
    }

    /** Moves the wall clock, which runs the punctuations whose interval has passed. */
    private void advanceTo(Instant time) {
        driver.advanceWallClockTime(Duration.between(now, time));
        now = time;
    }

    private @Nullable JobViewers presence(String jobId) {
        KeyValueStore<String, JobViewers> store = driver.getKeyValueStore(NotificationTopology.PRESENCE_STORE);
        return store.get(jobId);
    }

    private static void assertWarning(Notification notification, String title, String body, JobStatus outcome) {
        assertThat(notification.getType()).isEqualTo("system.warning");
        assertThat(notification.getTitle()).isEqualTo(title);
        assertThat(notification.getBody()).isEqualTo(body);
        assertThat(notification.getOutcome()).isEqualTo(outcome);
        assertThat(notification.getActions()).extracting(NotificationAction::getId, NotificationAction::getLabel)
                .containsExactly(org.assertj.core.api.Assertions.tuple("open-chat", "Open chat"));
    }

    private double sent(String type) {
        return registry.get("tributary.processor.notifications.sent").tag("type", type).counter().count();
    }

    private double suppressed(String reason) {
        return registry.get("tributary.processor.notifications.suppressed").tag("reason", reason).counter().count();
    }

    private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }
}
