package io.tributary.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import io.tributary.gateway.support.JobLog;
import io.tributary.gateway.support.RunningGateway;
import io.tributary.gateway.support.SharedBroker;
import io.tributary.gateway.support.TestEvents;
import io.tributary.gateway.timeline.LoggedEvent;
import io.tributary.schema.JobEvent;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * History reads on a real broker: reads of one partition that wait together are served by one scan,
 * and each gets exactly its own job's events in its own range, whatever the other jobs on the partition.
 */
class CatchUpReaderIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private static JobLog log;
    private static RunningGateway gateway;
    private static CatchUpReader reader;

    @BeforeAll
    static void start() {
        log = new JobLog(SharedBroker.bootstrapServers());
        // One reader and a short timeout: a read that cannot finish holds the only reader for a second.
        gateway = RunningGateway.start(SharedBroker.bootstrapServers(),
                Map.of("tributary.gateway.catch-up-readers", "1", "tributary.gateway.catch-up-timeout", "1s"));
        reader = gateway.bean(CatchUpReader.class);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        log.close();
    }

    @Test
    void shouldServeTheWaitingReadsOfOnePartitionWithOneScanEachGettingItsOwnJobsEventsInItsRange() {
        List<TestEvents> jobs = jobsOnOnePartition(3);
        int partition = log.partition(jobs.get(0).jobId());
        Map<String, long[]> offsets = new HashMap<>();
        for (int seq = 1; seq <= 4; seq++) {
            for (TestEvents job : jobs) {
                log.appendWithoutState(job.text(seq, job.jobId().substring(0, 4) + seq));
            }
        }
        for (TestEvents job : jobs) {
            offsets.put(job.jobId(), new long[] {log.state(job.jobId()).getFirstPosition().getOffset(),
                    log.state(job.jobId()).getLastPosition().getOffset()});
        }
        String first = jobs.get(0).jobId();
        String second = jobs.get(1).jobId();
        long thirdOfSecond = offsetOf(second, 3);
        long scansBefore = reader.scans();

        // Holds the only reader: a read of another partition up to an offset that never comes.
        CompletableFuture<List<LoggedEvent>> blocker = reader.read("nobody", (partition + 1) % 6, 0, Long.MAX_VALUE);
        CompletableFuture<List<LoggedEvent>> wholeFirst = reader.read(first, partition, offsets.get(first)[0],
                offsets.get(first)[1] + 1);
        CompletableFuture<List<LoggedEvent>> tailOfSecond = reader.read(second, partition, thirdOfSecond,
                offsets.get(second)[1] + 1);

        assertThat(wholeFirst.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join())
                .extracting(LoggedEvent::seq).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(tailOfSecond.join()).extracting(event -> event.event().getText())
                .containsExactly(second.substring(0, 4) + "3", second.substring(0, 4) + "4");
        assertThat(blocker).failsWithin(WAIT).withThrowableThat().withRootCauseInstanceOf(TimeoutException.class);
        assertThat(reader.scans() - scansBefore).as("the blocker's scan and one for both reads").isEqualTo(2);
        assertThat(reader.inFlight()).isZero();
    }

    /** The offset of the job's event of this seq, as the log holds it. */
    private static long offsetOf(String jobId, long seq) {
        try {
            return reader.read(jobId, log.partition(jobId), log.state(jobId).getFirstPosition().getOffset(),
                            log.state(jobId).getLastPosition().getOffset() + 1)
                    .join().stream().filter(event -> event.seq() == seq).findFirst().orElseThrow()
                    .position().getOffset();
        } catch (CompletionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** New jobs, started, whose events share one partition. */
    private static List<TestEvents> jobsOnOnePartition(int count) {
        Map<Integer, List<TestEvents>> byPartition = new HashMap<>();
        while (true) {
            TestEvents job = new TestEvents(UUID.randomUUID().toString());
            JobEvent started = job.started("alice");
            log.appendWithoutState(started);
            List<TestEvents> together = byPartition.computeIfAbsent(log.partition(job.jobId()), p -> new ArrayList<>());
            together.add(job);
            if (together.size() == count) {
                return together;
            }
        }
    }
}
