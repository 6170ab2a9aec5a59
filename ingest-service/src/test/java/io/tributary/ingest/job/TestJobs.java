package io.tributary.ingest.job;

import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.ingest.sse.SseLimits;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobMode;

/** Running jobs on an in-memory log, for tests of other packages. */
public final class TestJobs {

    private final RecordingPublisher publisher = new RecordingPublisher();
    private final JobRegistry registry = new JobRegistry();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final JobMetrics metrics = new JobMetrics(meters, registry);
    private final IngestJob.JobParts parts = new IngestJob.JobParts(publisher, registry, metrics,
            100_000, new SseLimits(1024, 1024), Clock.systemUTC(),
            InstanceLiveness.always("ingest-test"));

    /** A background job of the user, registered and STARTED. */
    public IngestJob start(String jobId, String userId) {
        IngestJob job = new IngestJob(jobId, new JobSpec(userId, "t", "m", null, JobMode.BACKGROUND), "ingest-test",
                parts);
        registry.add(job);
        job.writeStarted();
        return job;
    }

    public List<JobEvent> eventsOf(String jobId) {
        return publisher.events.stream().filter(event -> event.getJobId().equals(jobId)).toList();
    }

    public JobRegistry registry() {
        return registry;
    }

    public JobMetrics metrics() {
        return metrics;
    }

    public SimpleMeterRegistry meters() {
        return meters;
    }
}
