package io.tributary.gateway.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import io.tributary.gateway.support.JobLog;
import io.tributary.gateway.support.RunningGateway;
import io.tributary.gateway.support.SharedBroker;
import io.tributary.gateway.support.SseClient;
import io.tributary.gateway.support.TestEvents;
import io.tributary.gateway.support.Tokens;
import io.tributary.gateway.support.Viewing;
import io.tributary.schema.PresenceKind;
import io.tributary.schema.ViewerPresence;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

/**
 * Viewer presence on {@code jobs.viewers}, written by a real gateway for real SSE streams over HTTP and
 * read back from the broker as the processor reads it.
 */
class ViewerPresenceIT {

    private static final String ALICE = "alice";
    private static final Duration LEASE = Duration.ofSeconds(1);
    private static final Duration RENEW = Duration.ofMillis(200);
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final int PARTITIONS = 6;

    private static JobLog log;
    private static PresenceLog presence;
    private static RunningGateway gateway;
    private static SseClient client;

    private final String alice = Tokens.forUser(ALICE);

    @BeforeAll
    static void start() {
        log = new JobLog(SharedBroker.bootstrapServers());
        gateway = startGateway();
        client = new SseClient(gateway.port());
        presence = new PresenceLog(SharedBroker.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        presence.close();
        gateway.close();
        log.close();
    }

    @Test
    void shouldReportAViewerWhoWatchesALiveJobToItsEndAsJoinedThenRenewedThenLeft() {
        TestEvents job = liveJob(newJobId());
        Viewing viewer = new Viewing(client.events(streamOf(job), alice)).awaitMessages(1);
        awaitRecords(job, records -> kinds(records).stream().filter(PresenceKind.RENEWED::equals).count() >= 2);

        log.append(job.completed(1));
        viewer.awaitEnd();
        List<ConsumerRecord<String, ViewerPresence>> records = awaitRecords(job,
                all -> kinds(all).contains(PresenceKind.LEFT));

        ViewerPresence joined = records.get(0).value();
        assertThat(joined.getKind()).isEqualTo(PresenceKind.JOINED);
        assertThat(joined.getUserId()).isEqualTo(ALICE);
        assertThat(joined.getGatewayId()).isEqualTo(gateway.bean(ViewerConnections.class).gatewayId());
        assertThat(Duration.between(joined.getAt(), joined.getExpiresAt())).isEqualTo(LEASE);
        assertThat(records).allSatisfy(record -> {
            assertThat(record.value().getConnectionId()).isEqualTo(joined.getConnectionId());
            assertThat(record.timestamp()).isEqualTo(record.value().getAt().toEpochMilli());
            // A CloudEvent in binary mode, as every record Tributary writes.
            assertThat(header(record, "ce_type")).isEqualTo("io.tributary.jobs.viewers");
            assertThat(header(record, "ce_source")).isEqualTo("/tributary/gateway");
            assertThat(header(record, "ce_subject")).isEqualTo(job.jobId());
            assertThat(header(record, "content-type"))
                    .isEqualTo("application/avro; schema=io.tributary.schema.ViewerPresence; encoding=single-object");
        });
        assertThat(records).extracting(record -> header(record, "ce_id")).doesNotHaveDuplicates();
        assertThat(kinds(records)).startsWith(PresenceKind.JOINED).endsWith(PresenceKind.LEFT)
                .filteredOn(kind -> kind != PresenceKind.RENEWED).containsExactly(PresenceKind.JOINED, PresenceKind.LEFT);
        ViewerPresence renewed = records.get(1).value();
        assertThat(Duration.between(renewed.getAt(), renewed.getExpiresAt())).isEqualTo(LEASE);
        ViewerPresence left = records.get(records.size() - 1).value();
        assertThat(left.getExpiresAt()).isEqualTo(left.getAt());

        // No renewal after the goodbye: the connection is gone from the gateway's registry.
        await().pollDelay(RENEW.multipliedBy(3)).atMost(WAIT).until(() -> true);
        assertThat(presence.of(job.jobId())).hasSameSizeAs(records);
        assertThat(gateway.bean(ViewerConnections.class).size()).isZero();
    }

    @Test
    void shouldSayGoodbyeWhenTheViewerGoesAwayWhileTheJobStreams() {
        TestEvents job = liveJob(newJobId());
        Disposable viewer = client.events(streamOf(job), alice).subscribe();
        awaitRecords(job, records -> kinds(records).contains(PresenceKind.JOINED));

        viewer.dispose();

        List<ConsumerRecord<String, ViewerPresence>> records = awaitRecords(job,
                all -> kinds(all).contains(PresenceKind.LEFT));
        assertThat(records.stream().map(record -> record.value().getConnectionId()).distinct()).hasSize(1);
        assertThat(log.state(job.jobId()).getStatus().name()).isEqualTo("STREAMING");
    }

    @Test
    void shouldReportEachOfTwoViewersOfOneJobAsItsOwnConnection() {
        TestEvents job = liveJob(newJobId());
        Disposable first = client.events(streamOf(job), alice).subscribe();
        Disposable second = client.events(streamOf(job), alice).subscribe();

        List<ConsumerRecord<String, ViewerPresence>> joined = awaitRecords(job,
                records -> kinds(records).stream().filter(PresenceKind.JOINED::equals).count() == 2);
        first.dispose();
        second.dispose();

        assertThat(joined.stream().filter(record -> record.value().getKind() == PresenceKind.JOINED)
                .map(record -> record.value().getConnectionId()).distinct()).hasSize(2);
    }

    @Test
    void shouldReportNoViewerForTheReplayOfAFinishedJob() {
        String finishedId = newJobId();
        TestEvents finished = new TestEvents(finishedId);
        log.append(finished.started(ALICE), finished.text(1, "done"), finished.completed(2));
        // A live job on the same partition: its JOINED comes after any record of the replay there.
        TestEvents live = liveJob(newJobIdOnPartitionOf(finishedId));

        assertThat(client.events(streamOf(finished), alice).collectList().block(WAIT)).hasSize(1);
        Disposable viewer = client.events(streamOf(live), alice).subscribe();
        awaitRecords(live, records -> kinds(records).contains(PresenceKind.JOINED));
        viewer.dispose();

        assertThat(presence.of(finishedId)).isEmpty();
    }

    @Test
    void shouldSayGoodbyeForEveryOpenStreamWhenTheGatewayStops() {
        RunningGateway stopping = startGateway();
        TestEvents job = liveJob(newJobId());
        Viewing viewer = new Viewing(new SseClient(stopping.port()).events(streamOf(job), alice)).awaitMessages(1);
        awaitRecords(job, records -> kinds(records).contains(PresenceKind.JOINED));

        stopping.close();

        viewer.awaitEnd();
        List<ConsumerRecord<String, ViewerPresence>> records = awaitRecords(job,
                all -> kinds(all).contains(PresenceKind.LEFT));
        assertThat(records.get(records.size() - 1).value().getKind()).isEqualTo(PresenceKind.LEFT);
    }

    private static RunningGateway startGateway() {
        return RunningGateway.start(SharedBroker.bootstrapServers(), Map.of(
                "tributary.gateway.presence.lease", LEASE.toMillis() + "ms",
                "tributary.gateway.presence.renew-interval", RENEW.toMillis() + "ms"));
    }

    private static TestEvents liveJob(String jobId) {
        TestEvents job = new TestEvents(jobId);
        log.append(job.started(ALICE));
        return job;
    }

    private static List<ConsumerRecord<String, ViewerPresence>> awaitRecords(TestEvents job,
            Predicate<List<ConsumerRecord<String, ViewerPresence>>> condition) {
        return await().atMost(WAIT).until(() -> presence.of(job.jobId()), condition);
    }

    private static List<PresenceKind> kinds(List<ConsumerRecord<String, ViewerPresence>> records) {
        return records.stream().map(record -> record.value().getKind()).toList();
    }

    private static String streamOf(TestEvents job) {
        return "/api/jobs/" + job.jobId() + "/stream";
    }

    private static String newJobId() {
        return "job-" + UUID.randomUUID();
    }

    /** A fresh job id whose records land on the same partition as {@code jobId}'s (Kafka's default partitioner). */
    private static String newJobIdOnPartitionOf(String jobId) {
        int partition = partitionOf(jobId);
        String candidate = newJobId();
        while (partitionOf(candidate) != partition) {
            candidate = newJobId();
        }
        return candidate;
    }

    private static int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    private static String header(ConsumerRecord<String, ViewerPresence> record, String name) {
        return new String(record.headers().lastHeader(name).value(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
