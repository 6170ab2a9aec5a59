package io.tributary.processor.sweep;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tributary.processor.cloudevents.ProcessorCloudEvents;
import io.tributary.processor.function.JobTexts;
import io.tributary.schema.CommandType;
import io.tributary.schema.FailureReason;
import io.tributary.schema.InstanceLease;
import io.tributary.schema.JobCommand;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobEventType;
import io.tributary.schema.JobFailure;
import io.tributary.schema.JobState;
import io.tributary.schema.JobStatus;
import io.tributary.schema.topic.JobEventHeaders;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code sweepInterval} of wall-clock time, scans the jobs of its task in the job-state store
 * and acts on what {@link SweepPolicy} decides: it emits an orphan's terminal event, a TIMEOUT
 * command, the terminal event of a job whose owner ignored that command, or removes a finished job
 * from the store and emits its retirement. Everything it writes
 * (records and stores) belongs to the Streams transaction of the task.
 *
 * <p>It hangs off the {@code jobs.deltas} source only to live in the task that owns the job-state
 * store; the events themselves it ignores.
 *
 * <p>Time comes from Kafka Streams' wall clock (the punctuation's timestamp), the clock that also
 * schedules the sweeps and that {@code TopologyTestDriver} drives; a separate {@code java.time.Clock}
 * would disagree with it.
 */
public final class JobSweeper implements Processor<String, @Nullable JobEvent, String, SweepOutcome> {

    /** {@code requestedBy} of the commands the sweeper sends. */
    public static final String REQUESTED_BY = "stream-processor";

    /** The failure message of a job the sweeper ends as timed out; the ingest's own timeout uses the same. */
    public static final String TIMED_OUT_MESSAGE = "Job timed out";

    private static final Logger log = LoggerFactory.getLogger(JobSweeper.class);

    private final SweepSettings settings;
    private final SweepPolicy policy;
    private final SweepMetrics metrics;
    private final StoreNames storeNames;
    private final LogProgress progress;

    private @Nullable ProcessorContext<String, SweepOutcome> context;
    private @Nullable KeyValueStore<String, ValueAndTimestamp<JobState>> jobs;
    private @Nullable JobTexts texts;
    private @Nullable KeyValueStore<String, ValueAndTimestamp<InstanceLease>> leases;
    private @Nullable KeyValueStore<String, SweepMark> marks;

    /**
     * The stores the sweeper works on.
     *
     * @param jobs the job-state store of the fold (jobId to state without texts), which the sweeper
     *     reads and removes retired jobs from
     * @param texts the fold's {@link JobTexts} store, which the sweeper removes retired jobs' texts from
     * @param leases the global store of ingest leases (instanceId to lease), read only
     * @param marks the sweeper's own store of {@link SweepMark}s (jobId to mark)
     */
    public record StoreNames(String jobs, String texts, String leases, String marks) {
    }

    /**
     * The sweeper's own store: small (only streaming jobs the sweeper acted on), so in memory, and
     * logged, so that it is restored with the task and rolls back with its transaction.
     */
    public static StoreBuilder<KeyValueStore<String, SweepMark>> markStore(String name) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), SweepMarkSerde.serde());
    }

    /**
     * @param progress how far this application has got through {@code jobs.deltas}: a terminal event is
     *     written only once the task has processed everything written before its owner was gone
     */
    public JobSweeper(SweepSettings settings, SweepMetrics metrics, StoreNames storeNames, LogProgress progress) {
        this.settings = settings;
        this.policy = new SweepPolicy(settings);
        this.metrics = metrics;
        this.storeNames = storeNames;
        this.progress = progress;
    }

    @Override
    public void init(ProcessorContext<String, SweepOutcome> context) {
        this.context = context;
        this.jobs = context.getStateStore(storeNames.jobs());
        this.texts = new JobTexts(context.getStateStore(storeNames.texts()));
        this.leases = context.getStateStore(storeNames.leases());
        this.marks = context.getStateStore(storeNames.marks());
        context.schedule(settings.sweepInterval(), PunctuationType.WALL_CLOCK_TIME,
                timestamp -> sweep(Instant.ofEpochMilli(timestamp)));
    }

    @Override
    public void close() {
        if (context != null) {
            metrics.taskClosed(context.taskId());
        }
    }

    @Override
    public void process(Record<String, @Nullable JobEvent> record) {
        // The sweep works on the store; the fold handles the events.
    }

    /** One sweep: decide for every job first, then act, so that no store changes under an open iterator. */
    void sweep(Instant now) {
        KeyValueStore<String, SweepMark> markStore = require(marks);
        Map<String, SweepMark> marksByJob = loadMarks(markStore);
        Set<String> settledMarks = new HashSet<>(marksByJob.keySet());
        List<PendingAction> actions = new ArrayList<>();
        int streaming = 0;
        try (KeyValueIterator<String, ValueAndTimestamp<JobState>> all = require(jobs).all()) {
            while (all.hasNext()) {
                KeyValue<String, ValueAndTimestamp<JobState>> entry = all.next();
                JobState job = entry.value.value();
                SweepMark mark = marksByJob.get(entry.key);
                if (job.getStatus() == JobStatus.STREAMING) {
                    settledMarks.remove(entry.key);
                    streaming++;
                }
                SweepDecision decision = policy.decide(job, ownerLease(job), mark, now);
                if (!(decision instanceof SweepDecision.Keep)) {
                    actions.add(new PendingAction(entry.key, job.getSeq(), decision, mark));
                }
            }
        }
        metrics.streamingJobs(require(context).taskId(), streaming);
        // A mark matters only while its job streams; a finished or retired job needs it no more.
        settledMarks.forEach(markStore::delete);
        actions.forEach(action -> act(action, now));
    }

    private void act(PendingAction action, Instant now) {
        SweepDecision decision = action.decision();
        boolean writesTerminal = decision instanceof SweepDecision.EndOrphan || decision instanceof SweepDecision.EndTimedOut;
        if (writesTerminal && !hasFoldedAllWrittenBeforeTheOwnerWasGone(now)) {
            metrics.terminalDeferred();
            log.debug("Job {} waits: its partition of jobs.deltas has events not yet processed", action.jobId());
            return;
        }
        if (decision instanceof SweepDecision.EndOrphan orphan) {
            endOrphan(action, orphan.cause(), now);
        } else if (decision instanceof SweepDecision.EndTimedOut) {
            endTimedOut(action, now);
        } else if (decision instanceof SweepDecision.RequestTimeout) {
            requestTimeout(action, now);
        } else if (decision instanceof SweepDecision.Retire) {
            retire(action.jobId(), action.seq(), now);
        }
    }

    /**
     * Whether this task has processed every event of its partition written before the orphan grace began.
     * Every reason to end a job starts at least the grace before now (an owner stopped or expired, or
     * silent for a lease), so an event its owner wrote is on the log before that: once processed, the
     * state's seq is the job's last, and the terminal event goes after it, never beside an event not yet
     * folded.
     */
    private boolean hasFoldedAllWrittenBeforeTheOwnerWasGone(Instant now) {
        return progress.hasProcessedWrittenBefore(require(context).taskId().partition(), now.minus(settings.orphanGrace()));
    }

    private void endOrphan(PendingAction action, OrphanCause cause, Instant now) {
        long seq = writeTerminal(action, FailureReason.INTERRUPTED, cause.message(), now);
        metrics.orphanEnded(cause);
        log.info("Ended job {} as interrupted at seq {}: owner lease {}", action.jobId(), seq, cause.tag());
    }

    private void endTimedOut(PendingAction action, Instant now) {
        long seq = writeTerminal(action, FailureReason.TIMEOUT, TIMED_OUT_MESSAGE, now);
        metrics.timeoutEscalated();
        log.warn("Ended job {} as timed out at seq {}: its owner ignored the TIMEOUT command for {}",
                action.jobId(), seq, settings.timeoutEscalation());
    }

    /**
     * Emits the job's terminal event at the seq after the state's, and marks it so that it is not
     * written again while it travels back through the log. Returns its seq.
     */
    private long writeTerminal(PendingAction action, FailureReason reason, String message, Instant now) {
        long seq = action.seq() + 1;
        JobEvent terminal = JobEvent.newBuilder()
                .setJobId(action.jobId())
                .setSeq(seq)
                .setType(JobEventType.FAILED)
                .setTimestamp(now)
                .setFailed(JobFailure.newBuilder().setReason(reason).setMessage(message).build())
                .build();
        require(marks).put(action.jobId(), action.markOrNone().withTerminal(seq));
        emit(action.jobId(), new SweepOutcome.TerminalEvent(terminal), now);
        return seq;
    }

    private void requestTimeout(PendingAction action, Instant now) {
        JobCommand command = JobCommand.newBuilder()
                .setJobId(action.jobId())
                .setType(CommandType.TIMEOUT)
                .setReason("The job ran longer than its maximum duration of " + settings.jobTimeout())
                .setRequestedBy(REQUESTED_BY)
                .setTimestamp(now)
                .build();
        require(marks).put(action.jobId(), action.markOrNone().withTimeoutRequested(now));
        emit(action.jobId(), new SweepOutcome.TimeoutCommand(command), now);
        metrics.timeoutRequested();
        log.info("Asked the owner of job {} to time it out", action.jobId());
    }

    private void retire(String jobId, long seq, Instant now) {
        require(jobs).delete(jobId);
        require(texts).delete(jobId, seq);
        emit(jobId, new SweepOutcome.Retirement(), now);
        metrics.jobRetired();
        log.debug("Retired job {}", jobId);
    }

    /**
     * Forwards the outcome with its CloudEvents attributes: an orphan's terminal event carries the headers
     * every record of {@code jobs.deltas} has (its type and the CloudEvents attributes), written by the
     * processor; a timeout command and a retirement's tombstone theirs ({@link ProcessorCloudEvents}).
     */
    private void emit(String jobId, SweepOutcome outcome, Instant now) {
        Headers headers;
        if (outcome instanceof SweepOutcome.TerminalEvent terminal) {
            headers = JobEventHeaders.of(terminal.event(), JobEventHeaders.PROCESSOR_SOURCE);
        } else if (outcome instanceof SweepOutcome.TimeoutCommand timeout) {
            headers = ProcessorCloudEvents.jobCommand(timeout.command(), now.toEpochMilli());
        } else {
            headers = ProcessorCloudEvents.jobRetired(jobId, now.toEpochMilli());
        }
        require(context).forward(new Record<>(jobId, outcome, now.toEpochMilli(), headers));
    }

    private @Nullable InstanceLease ownerLease(JobState job) {
        String owner = job.getIngestInstanceId();
        return owner == null ? null : ValueAndTimestamp.getValueOrNull(require(leases).get(owner));
    }

    private static Map<String, SweepMark> loadMarks(KeyValueStore<String, SweepMark> store) {
        Map<String, SweepMark> loaded = new HashMap<>();
        try (KeyValueIterator<String, SweepMark> all = store.all()) {
            all.forEachRemaining(entry -> loaded.put(entry.key, entry.value));
        }
        return loaded;
    }

    private static <T> T require(@Nullable T initialized) {
        if (initialized == null) {
            throw new IllegalStateException("Processor used before init");
        }
        return initialized;
    }

    /** A decision taken while scanning, carried out after the scan. */
    private record PendingAction(String jobId, long seq, SweepDecision decision, @Nullable SweepMark mark) {

        SweepMark markOrNone() {
            return mark == null ? SweepMark.none() : mark;
        }
    }
}
