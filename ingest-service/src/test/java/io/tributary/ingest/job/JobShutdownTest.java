package io.tributary.ingest.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.ingest.limit.RefusalKind;
import io.tributary.ingest.sse.SseLimits;
import io.tributary.schema.FailureReason;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobEventType;
import io.tributary.schema.JobMode;
import org.junit.jupiter.api.Test;

class JobShutdownTest {

    private final RecordingPublisher publisher = new RecordingPublisher();
    private final JobRegistry registry = new JobRegistry();
    private final IngestJob.JobParts parts = new IngestJob.JobParts(publisher, registry,
            new JobMetrics(new SimpleMeterRegistry(), registry), 100_000, new SseLimits(1024, 1024),
            Clock.systemUTC(), InstanceLiveness.always("ingest-test"));

    @Test
    void shouldEndEveryRunningJobAsInterruptedOnShutdown() {
        IngestJob running = start("job-a");
        IngestJob alsoRunning = start("job-b");
        IngestJob finished = start("job-c");
        finished.abort(AbortSource.COMMAND, "user");
        JobShutdown shutdown = new JobShutdown(registry, publisher, () -> { });
        shutdown.start();

        shutdown.stop();

        assertThat(shutdown.isRunning()).isFalse();
        assertThat(registry.size()).isZero();
        assertThat(lastEventOf("job-a").getFailed().getReason()).isEqualTo(FailureReason.INTERRUPTED);
        assertThat(lastEventOf("job-b").getFailed().getReason()).isEqualTo(FailureReason.INTERRUPTED);
        assertThat(lastEventOf("job-c").getType()).isEqualTo(JobEventType.ABORTED);
        assertThat(running.hasEnded()).isTrue();
        assertThat(alsoRunning.hasEnded()).isTrue();
    }

    @Test
    void shouldGiveUpTheLeaseOnlyOnceTheJobsEndedOnTheLogAndAdmitNoJobAfterwards() {
        start("job-a");
        List<String> order = new ArrayList<>();
        RecordingPublisher flushing = new RecordingPublisher() {
            @Override
            public void flush() {
                order.add("flushed with " + publisher.events.size() + " events");
            }
        };
        JobShutdown shutdown = new JobShutdown(registry, flushing, () -> order.add("lease given up"));

        shutdown.stop();

        assertThat(order).containsExactly("flushed with 2 events", "lease given up");
        IngestJob late = new IngestJob("job-late", new JobSpec("user", "t", "m", null, JobMode.BACKGROUND),
                "ingest-test", parts);
        assertThat(registry.tryAdd(late)).isEqualTo(RefusalKind.NOT_READY);
    }

    private IngestJob start(String jobId) {
        IngestJob job = new IngestJob(jobId, new JobSpec("user", "t", "m", null, JobMode.BACKGROUND), "ingest-test", parts);
        registry.add(job);
        job.writeStarted();
        return job;
    }

    private JobEvent lastEventOf(String jobId) {
        List<JobEvent> events = publisher.events.stream().filter(event -> event.getJobId().equals(jobId)).toList();
        return events.get(events.size() - 1);
    }
}
