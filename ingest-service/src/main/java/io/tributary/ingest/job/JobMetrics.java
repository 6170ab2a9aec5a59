package io.tributary.ingest.job;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tributary.support.metrics.HopTimers;
import io.tributary.ingest.chunk.SkippedChunk;
import io.tributary.ingest.limit.RefusalKind;
import io.tributary.schema.CommandType;
import io.tributary.schema.JobMode;

/**
 * The ingest's job meters: {@code tributary.ingest.jobs.started} (by mode),
 * {@code tributary.ingest.jobs.active}, {@code tributary.ingest.jobs.ended} (by outcome and mode),
 * {@code tributary.ingest.jobs.refused} (by kind of limit), {@code tributary.ingest.jobs.aborted}
 * (by source), {@code tributary.ingest.jobs.timeouts} (by kind: max_duration, idle, command),
 * {@code tributary.ingest.upstream.retries} (by cause), {@code tributary.ingest.commands} (by type
 * and whether a job here took it) and {@code tributary.ingest.chunks.skipped} (by cause).
 *
 * <p>Two per-hop timers, with percentile histograms and the latency SLO buckets of the bench:
 * {@code tributary.ingest.produce.latency} (an upstream chunk's bytes arrived → its event acknowledged
 * by the log) and {@code tributary.ingest.first.token} (job start → its first content event acknowledged).
 */
public final class JobMetrics {

    private final MeterRegistry meters;
    private final Timer produceLatency;
    private final Timer firstToken;

    public JobMetrics(MeterRegistry meters, JobRegistry jobs) {
        this.meters = meters;
        this.produceLatency = hopTimer("tributary.ingest.produce.latency",
                "From an upstream chunk's bytes arriving to its event acknowledged by jobs.deltas", meters);
        this.firstToken = hopTimer("tributary.ingest.first.token",
                "From a job's start to its first content event acknowledged by jobs.deltas", meters);
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

    /** A start refused by a limit, or because this instance cannot run jobs now. */
    void refused(RefusalKind kind) {
        Counter.builder("tributary.ingest.jobs.refused")
                .description("Job starts refused: per-user concurrency or rate, instance capacity, no valid lease")
                .tag("kind", kind.tag())
                .register(meters)
                .increment();
    }

    void aborted(AbortSource source) {
        Counter.builder("tributary.ingest.jobs.aborted")
                .description("Jobs aborted, by who aborted them")
                .tag("source", source.tag())
                .register(meters)
                .increment();
    }

    void timedOut(TimeoutKind kind) {
        Counter.builder("tributary.ingest.jobs.timeouts")
                .description("Jobs ended FAILED(TIMEOUT): over the maximum duration, idle, or by the processor's command")
                .tag("kind", kind.tag())
                .register(meters)
                .increment();
    }

    /** A new attempt at the upstream after a refusal that nothing had been streamed before. */
    void upstreamRetried(String cause) {
        Counter.builder("tributary.ingest.upstream.retries")
                .description("Upstream requests retried before anything was streamed, by cause (connect, or the HTTP status)")
                .tag("cause", cause)
                .register(meters)
                .increment();
    }

    /** A command read from jobs.control; {@code applied} when it named a job running here and ended it. */
    public void command(CommandType type, boolean applied) {
        Counter.builder("tributary.ingest.commands")
                .description("Commands read from jobs.control, by type and whether they ended a job of this instance")
                .tag("type", type.name().toLowerCase(Locale.ROOT))
                .tag("applied", Boolean.toString(applied))
                .register(meters)
                .increment();
    }

    /** An upstream payload that made no event because it could not be read. */
    public void chunkSkipped(SkippedChunk cause) {
        Counter.builder("tributary.ingest.chunks.skipped")
                .description("Upstream payloads skipped: not JSON, an unknown shape, over the JSON limits, or over the size cap")
                .tag("cause", cause.tag())
                .register(meters)
                .increment();
    }

    /** An event written and acknowledged {@code nanos} after the bytes that made it arrived. */
    void produced(long nanos) {
        produceLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A job's first content event acknowledged {@code nanos} after the job started. */
    void firstToken(long nanos) {
        firstToken.record(nanos, TimeUnit.NANOSECONDS);
    }

    private static Timer hopTimer(String name, String description, MeterRegistry meters) {
        return HopTimers.register(name, description, meters);
    }

    private static String modeTag(JobMode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }
}
