package io.tributary.ingest.job;

import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.ingest.chunk.SkippedChunk;
import io.tributary.schema.JobMode;

/**
 * The ingest's job meters: {@code tributary.ingest.jobs.started} (by mode),
 * {@code tributary.ingest.jobs.active}, {@code tributary.ingest.jobs.ended} (by outcome and mode)
 * and {@code tributary.ingest.chunks.skipped} (by cause).
 */
public final class JobMetrics {

    private final MeterRegistry meters;

    public JobMetrics(MeterRegistry meters, JobRegistry jobs) {
        this.meters = meters;
        Gauge.builder("tributary.ingest.jobs.active", jobs, JobRegistry::size)
                .description("Jobs this instance runs right now")
                .register(meters);
    }

    void started(JobMode mode) {
        Counter.builder("tributary.ingest.jobs.started")
                .description("Jobs started")
                .tag("mode", modeTag(mode))
                .register(meters)
                .increment();
    }

    void ended(JobOutcome outcome, JobMode mode) {
        Counter.builder("tributary.ingest.jobs.ended")
                .description("Jobs ended, by outcome")
                .tag("outcome", outcome.tag())
                .tag("mode", modeTag(mode))
                .register(meters)
                .increment();
    }

    /** An upstream payload that made no event because it could not be read. */
    public void chunkSkipped(SkippedChunk cause) {
        Counter.builder("tributary.ingest.chunks.skipped")
                .description("Upstream payloads skipped: not JSON, an unknown shape, or over the size cap")
                .tag("cause", cause.tag())
                .register(meters)
                .increment();
    }

    private static String modeTag(JobMode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }
}
