package io.tributary.ingest.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.ingest.sse.SseLimits;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobEventType;
import io.tributary.schema.JobMode;
import org.junit.jupiter.api.Test;

class JobFencingTest {

    private final RecordingPublisher publisher = new RecordingPublisher();
    private final JobRegistry registry = new JobRegistry();
    private final IngestJob.JobParts parts = new IngestJob.JobParts(publisher, registry,
            new JobMetrics(new SimpleMeterRegistry(), registry), 100_000, new SseLimits(1024, 1024),
            Clock.systemUTC(), new InstanceLiveness() {
                @Override
                public Optional<String> activeInstanceId() {
                    return Optional.of("ingest-a-2");
                }

                @Override
                public boolean mayWrite(String instanceId) {
                    return true;
                }
            });

    @Test
    void shouldStopEveryJobOfTheFencedIdWithoutWritingThenDropWhatIsUnsent() {
        IngestJob first = start("job-1", "ingest-a");
        IngestJob second = start("job-2", "ingest-a");
        IngestJob ofTheNextIncarnation = start("job-3", "ingest-a-2");

        new JobFencing(registry, publisher).accept("ingest-a");

        assertThat(first.hasEnded()).isTrue();
        assertThat(second.hasEnded()).isTrue();
        assertThat(first.stopped().block(Duration.ofSeconds(1))).isTrue();
        assertThat(ofTheNextIncarnation.hasEnded()).isFalse();
        assertThat(registry.running()).containsExactly(ofTheNextIncarnation);
        assertThat(publisher.events).extracting(JobEvent::getType).containsOnly(JobEventType.STARTED);
        assertThat(publisher.discarded).isEqualTo(1);
    }

    private IngestJob start(String jobId, String instanceId) {
        IngestJob job = new IngestJob(jobId, new JobSpec("user", "t", "m", null, JobMode.BACKGROUND), instanceId, parts);
        registry.add(job);
        job.writeStarted();
        return job;
    }
}
