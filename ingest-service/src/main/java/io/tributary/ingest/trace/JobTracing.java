package io.tributary.ingest.trace;

import io.tributary.ingest.job.JobSpec;

/** Starts a job's trace. */
@FunctionalInterface
public interface JobTracing {

    /** Passes the caller's traceparent on, with no span of this service. */
    JobTracing PASS_THROUGH = (jobId, spec) -> JobTrace.passThrough(spec.traceparent());

    JobTrace start(String jobId, JobSpec spec);
}
