package io.tributary.ingest.job;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import io.tributary.ingest.chunk.ChunkInterpreter;
import io.tributary.ingest.chunk.SkippedChunk;
import io.tributary.ingest.event.EventDraft;
import io.tributary.ingest.sse.RawCapture;
import io.tributary.ingest.sse.SseEvent;
import io.tributary.ingest.sse.SseLimits;
import io.tributary.ingest.sse.SseListener;
import io.tributary.ingest.sse.SseOversize;
import io.tributary.ingest.sse.SseParser;
import io.tributary.ingest.trace.JobTrace;
import io.tributary.ingest.trace.JobTracing;
import io.tributary.ingest.upstream.UpstreamResponse;
import io.tributary.ingest.upstream.UpstreamUnreachableException;
import io.tributary.schema.FailureReason;
import io.tributary.schema.JobEventType;
import io.tributary.schema.JobMode;
import io.tributary.schema.JobStarted;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One running job: the upstream bytes go in (from one thread at a time), events come out through
 * the job's {@link JobEventWriter}. It ends exactly once, with the first of: the stream's own end
 * (completed, failed), an upstream refusal, an abort, timeout or failure from outside ({@link #abort},
 * {@link #timeOut}, {@link #fail}, callable from any thread), a refusal by the log, or the loss of
 * this instance's liveness lease ({@link #fence}, which writes nothing).
 *
 * <p>An upstream that floods the job is cut off: past {@code maxEventsPerJob} upstream events
 * (data, comments and oversized ones alike) or job events, the job ends FAILED(INVALID_UPSTREAM_DATA)
 * with its content so far, so that no upstream can make one job cost unbounded work or log space.
 *
 * <p>Ending stops the upstream through {@link #stopped()}, except when a foreground stream ends
 * itself: the caller still gets the upstream's bytes to their natural end, unchanged.
 */
public final class IngestJob {

    private static final Logger log = LoggerFactory.getLogger(IngestJob.class);
    /** The message of a timed-out job, as the original API wrote it. */
    public static final String TIMED_OUT = "Job timed out";
    /** The message of a job cut off for too many events; {@code %d} is the cap. */
    public static final String TOO_MANY_EVENTS = "The upstream sent more than %d events";

    private final String jobId;
    private final JobSpec spec;
    private final String ingestInstanceId;
    private final Clock clock;
    private final JobEventWriter writer;
    private final SseParser parser;
    /** The upstream bytes not yet on an event; null unless raw capture is on. */
    private final @Nullable RawCapture raw;
    /** The job's span, from its start to its end, and the traceparent its records carry. */
    private final JobTrace trace;
    private final ChunkInterpreter interpreter;
    private final JobRegistry registry;
    private final JobMetrics metrics;
    private final Instant startedAt;
    private final long maxEvents;
    /** Upstream events of every kind read so far; only the thread that feeds the parser touches it. */
    private long upstreamEvents;
    private final Sinks.One<Boolean> stop = Sinks.one();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile Instant lastUpstreamActivity;
    /** When the job started, on the monotonic clock of the latency timers. */
    private final long startedNanos = System.nanoTime();
    /** When the bytes being parsed arrived; only the thread that feeds the parser touches it. */
    private long bytesArrivedNanos;
    /** Whether a content event has been written; only the thread that feeds the parser touches it. */
    private boolean contentWritten;

    IngestJob(String jobId, JobSpec spec, String ingestInstanceId, JobParts parts) {
        this.jobId = jobId;
        this.spec = spec;
        this.ingestInstanceId = ingestInstanceId;
        this.clock = parts.clock();
        this.registry = parts.registry();
        this.metrics = parts.metrics();
        InstanceLiveness liveness = parts.liveness();
        this.raw = parts.captureRaw() ? new RawCapture() : null;
        this.trace = parts.tracing().start(jobId, spec);
        this.writer = new JobEventWriter(jobId, parts.publisher(), clock, () -> liveness.mayWrite(ingestInstanceId),
                this::onRefusedByLog, this::onFencedByWriter, raw, trace.traceparent());
        this.parser = new SseParser(parts.sseLimits(), new UpstreamEvents());
        this.interpreter = new ChunkInterpreter(metrics::chunkSkipped);
        this.maxEvents = parts.maxEventsPerJob();
        this.startedAt = clock.instant();
        this.lastUpstreamActivity = startedAt;
    }

    /**
     * What every job of an ingest instance shares.
     *
     * @param maxEventsPerJob the most upstream events a job reads, and the most events it writes
     *     before its terminal one
     * @param captureRaw whether each event also keeps the upstream bytes that came since the previous one
     * @param tracing starts each job's trace
     */
    public record JobParts(JobEventPublisher publisher, JobRegistry registry, JobMetrics metrics, long maxEventsPerJob,
            SseLimits sseLimits, Clock clock, InstanceLiveness liveness, boolean captureRaw, JobTracing tracing) {

        /** Parts without raw capture, passing callers' traceparents on without spans of their own. */
        public JobParts(JobEventPublisher publisher, JobRegistry registry, JobMetrics metrics, long maxEventsPerJob,
                SseLimits sseLimits, Clock clock, InstanceLiveness liveness) {
            this(publisher, registry, metrics, maxEventsPerJob, sseLimits, clock, liveness, false,
                    JobTracing.PASS_THROUGH);
        }

        public JobParts {
            if (maxEventsPerJob < 1) {
                throw new IllegalArgumentException("maxEventsPerJob must be positive: " + maxEventsPerJob);
            }
        }
    }

    public String jobId() {
        return jobId;
    }

    public JobSpec spec() {
        return spec;
    }

    /** The instance id the job was started under: the lease that must be valid for its events to be written. */
    public String instanceId() {
        return ingestInstanceId;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** When upstream bytes (comments included) last arrived, or the start when none has yet. */
    public Instant lastUpstreamActivity() {
        return lastUpstreamActivity;
    }

    /** Whether the job has ended (its terminal event is written, or the log refused it). */
    public boolean hasEnded() {
        return ended.get();
    }

    /** Completes when the upstream of this job must stop; pipelines take from the upstream until then. */
    public Mono<Boolean> stopped() {
        return stop.asMono();
    }

    /** Writes the STARTED event, seq 0. */
    CompletableFuture<?> writeStarted() {
        JobStarted started = new JobStarted(spec.userId(), spec.threadId(), spec.messageId(), spec.model(), spec.mode(),
                ingestInstanceId);
        CompletableFuture<?> stored = writer.write(EventDraft.started(started));
        if (stored == null) {
            // Fenced (the lease was lost) between admission and this first write: nothing is on the log.
            return CompletableFuture.failedFuture(
                    new IllegalStateException("Job " + jobId + " may no longer be written by this instance"));
        }
        return stored;
    }

    /** The next bytes of the upstream body. */
    public void onUpstreamBytes(byte[] bytes) {
        lastUpstreamActivity = clock.instant();
        if (!ended.get()) {
            bytesArrivedNanos = System.nanoTime();
            parser.feed(bytes);
        }
    }

    /** The upstream body ended, or this job's pipeline stopped taking from it. */
    public void onUpstreamEnd() {
        if (ended.get()) {
            return;
        }
        parser.end();
        interpreter.endOfStream().forEach(this::write);
    }

    /** The upstream could not be reached, or its body broke off. */
    public void onUpstreamError(Throwable error) {
        if (ended.get()) {
            return;
        }
        if (error instanceof UpstreamUnreachableException) {
            log.warn("Job {}: {}", jobId, error.getMessage());
            fail(FailureReason.UPSTREAM_UNREACHABLE, "The upstream is unreachable");
            return;
        }
        log.warn("Job {}: the upstream stream broke off: {}", jobId, error.toString());
        onUpstreamEnd();
    }

    /** The upstream refused the request before streaming. */
    public void onUpstreamRejected(UpstreamResponse.Rejected rejected) {
        log.info("Job {}: the upstream answered HTTP {}: {}", jobId, rejected.status(), rejected.message());
        endWith(EventDraft.failed(FailureReason.UPSTREAM_ERROR, rejected.message(), rejected.code(), rejected.status()),
                true);
    }

    /**
     * Ends the job as aborted and stops its upstream, unless it has already ended.
     *
     * @return whether this call ended the job
     */
    public boolean abort(AbortSource source, String reason) {
        boolean ended = endWith(EventDraft.aborted(reason), true);
        if (ended) {
            metrics.aborted(source);
        }
        return ended;
    }

    /**
     * Ends the job FAILED(TIMEOUT) "Job timed out" and stops its upstream, unless it has already
     * ended; the content so far stays.
     *
     * @return whether this call ended the job
     */
    public boolean timeOut(TimeoutKind kind) {
        boolean ended = endWith(EventDraft.failed(FailureReason.TIMEOUT, TIMED_OUT), true);
        if (ended) {
            log.info("Job {} timed out ({})", jobId, kind.tag());
            metrics.timedOut(kind);
        }
        return ended;
    }

    /**
     * Stops the job without writing anything more, because this instance may no longer write it:
     * its lease is about to expire, after which the processor may end the job itself. Stops the
     * upstream; frees the job's place.
     *
     * @return whether this call ended the job
     */
    boolean fence() {
        if (!writer.close()) {
            return false;
        }
        onFencedByWriter();
        return true;
    }

    /**
     * Ends the job as failed and stops its upstream, unless it has already ended.
     *
     * @return whether this call ended the job
     */
    public boolean fail(FailureReason reason, String message) {
        return endWith(EventDraft.failed(reason, message), true);
    }

    private @Nullable CompletableFuture<?> write(EventDraft draft) {
        if (draft.isTerminal()) {
            return endWithEvent(draft, spec.mode() == JobMode.BACKGROUND);
        }
        return writer.write(draft);
    }

    /** Writes an event made from upstream bytes and times its hop to the log (and the job's first token). */
    private void writeTimed(EventDraft draft) {
        CompletableFuture<?> stored = write(draft);
        if (stored == null) {
            return;
        }
        long arrived = bytesArrivedNanos;
        boolean first = !contentWritten && isContent(draft.type());
        contentWritten |= first;
        stored.thenRun(() -> {
            long acknowledged = System.nanoTime();
            metrics.produced(acknowledged - arrived);
            if (first) {
                metrics.firstToken(acknowledged - startedNanos);
            }
        });
    }

    private static boolean isContent(JobEventType type) {
        return switch (type) {
            case TEXT_DELTA, REASONING_DELTA, TOOL_CALL_DELTA, IMAGE -> true;
            default -> false;
        };
    }

    private boolean endWith(EventDraft terminal, boolean stopUpstream) {
        return endWithEvent(terminal, stopUpstream) != null;
    }

    /** @return the terminal event's write, or null when the job had already ended and nothing was written */
    private @Nullable CompletableFuture<?> endWithEvent(EventDraft terminal, boolean stopUpstream) {
        CompletableFuture<?> stored = writer.write(terminal);
        if (stored == null) {
            return null;
        }
        if (stopUpstream) {
            stop.tryEmitValue(Boolean.TRUE);
        }
        markEnded(outcomeOf(terminal), terminal);
        return stored;
    }

    private void onFencedByWriter() {
        log.warn("Job {}: stopped without a terminal event, this instance's lease ({}) is no longer valid; "
                + "the processor ends it once the lease has expired", jobId, ingestInstanceId);
        stop.tryEmitValue(Boolean.TRUE);
        markEnded(JobOutcome.FENCED, null);
    }

    private void onRefusedByLog(Throwable error) {
        log.error("Job {}: the log refused an event; the job stops here", jobId, error);
        stop.tryEmitValue(Boolean.TRUE);
        markEnded(JobOutcome.UNRECORDED, null);
    }

    private void markEnded(JobOutcome outcome, @Nullable EventDraft terminal) {
        if (ended.compareAndSet(false, true)) {
            trace.end(outcome.name().toLowerCase(java.util.Locale.ROOT));
            registry.remove(this);
            metrics.ended(outcome, spec.mode());
            log.debug("Job {} ended: {} ({})", jobId, outcome, terminal);
        }
    }

    private static JobOutcome outcomeOf(EventDraft terminal) {
        JobEventType type = terminal.type();
        return switch (type) {
            case COMPLETED -> JobOutcome.COMPLETED;
            case ABORTED -> JobOutcome.ABORTED;
            default -> JobOutcome.FAILED;
        };
    }

    /**
     * Counts one more upstream event; past the cap, ends the job.
     *
     * @return whether the job may go on
     */
    private boolean countUpstreamEvent() {
        if (++upstreamEvents > maxEvents) {
            cutOff();
            return false;
        }
        return !ended.get();
    }

    /** Ends the job from the stream's side because its upstream sent too much; a half character held back comes first. */
    private void cutOff() {
        if (ended.get()) {
            return;
        }
        log.warn("Job {}: the upstream sent more than {} events; the job ends here", jobId, maxEvents);
        String message = TOO_MANY_EVENTS.formatted(maxEvents);
        List<EventDraft> drafts = interpreter.cutOff(FailureReason.INVALID_UPSTREAM_DATA, message);
        if (drafts.isEmpty()) {
            // The payload being written ends the job itself, further on than the cap allows: the cap wins.
            drafts = List.of(EventDraft.failed(FailureReason.INVALID_UPSTREAM_DATA, message));
        }
        for (EventDraft draft : drafts) {
            if (draft.isTerminal()) {
                endWith(draft, true);
            } else {
                writer.write(draft);
            }
        }
    }

    /** Turns parsed SSE events into job events; runs on the thread that feeds the parser. */
    private final class UpstreamEvents implements SseListener {

        @Override
        public void onEvent(SseEvent event) {
            if (!countUpstreamEvent()) {
                return;
            }
            for (EventDraft draft : interpreter.interpret(event.data())) {
                // One payload can make many events (a tool call per array entry): the cap counts events written too.
                if (!draft.isTerminal() && writer.nextSeq() >= maxEvents) {
                    cutOff();
                    return;
                }
                writeTimed(draft);
            }
        }

        @Override
        public void onComment(String comment) {
            countUpstreamEvent();
        }

        @Override
        public void onRaw(byte[] bytes, int offset, int length) {
            if (raw != null) {
                raw.append(bytes, offset, length);
            }
        }

        @Override
        public void onOversized(SseOversize what, long bytes) {
            if (!countUpstreamEvent()) {
                return;
            }
            if (what == SseOversize.EVENT) {
                log.warn("Job {}: skipped an upstream event of {} bytes, over the size cap", jobId, bytes);
                metrics.chunkSkipped(SkippedChunk.OVERSIZED_EVENT);
            } else {
                log.debug("Job {}: skipped an upstream comment of {} bytes, over the size cap", jobId, bytes);
            }
        }
    }

    @Override
    public String toString() {
        return "IngestJob[" + jobId + ", " + spec.mode() + "]";
    }
}
