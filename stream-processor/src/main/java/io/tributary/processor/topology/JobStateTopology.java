package io.tributary.processor.topology;

import java.time.Duration;
import java.util.Map;

import io.tributary.processor.function.FoldMetrics;
import io.tributary.processor.function.JobFoldProcessor;
import io.tributary.processor.function.JobTexts;
import io.tributary.processor.function.LogPositionStamper;
import io.tributary.processor.function.PositionedEvent;
import io.tributary.processor.notify.NotificationMetrics;
import io.tributary.processor.notify.PresenceSettings;
import io.tributary.processor.sweep.JobSweeper;
import io.tributary.processor.sweep.LogProgress;
import io.tributary.processor.sweep.SweepMetrics;
import io.tributary.processor.sweep.SweepOutcome;
import io.tributary.processor.sweep.SweepSettings;
import io.tributary.schema.InstanceLease;
import io.tributary.schema.JobCommand;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobState;
import io.tributary.schema.topic.Topic;
import io.tributary.schema.topic.Topics;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;

/**
 * The job-state table and the job lifecycle around it: folds every job's events into its state,
 * publishes each change, ends the jobs of dead ingest instances, asks live ones to time out jobs
 * that ran too long (and ends those jobs itself when the owner ignores that), and retires finished
 * jobs after their retention.
 *
 * <ul>
 *   <li>in: {@code jobs.deltas}, key jobId ({@code String}), value {@link JobEvent}
 *       ({@link Topics#JOB_DELTAS})</li>
 *   <li>in: {@code ingest.leases}, key instanceId, value {@link InstanceLease}
 *       ({@link Topics#INGEST_LEASES}), read whole by every instance as the global store {@value #LEASE_STORE}</li>
 *   <li>out: {@code jobs.state}, key jobId, value {@link JobState} ({@link Topics#JOB_STATE}),
 *       compacted; a tombstone when a finished job is retired, never a state for a job before its
 *       STARTED event</li>
 *   <li>out: {@code jobs.deltas}, key jobId: an orphan's terminal event (FAILED, reason INTERRUPTED,
 *       seq = state's seq + 1), or the terminal event of a job whose owner ignored its TIMEOUT command
 *       for the timeout escalation (FAILED, reason TIMEOUT, "Job timed out", seq = state's seq + 1);
 *       the only events the processor ever writes there</li>
 *   <li>out: {@code jobs.control}, key jobId, value {@link JobCommand} ({@link Topics#JOB_CONTROL}):
 *       TIMEOUT, once per job (the escalation, when it comes, is the terminal event above)</li>
 *   <li>stores: {@value #STORE} (jobId to {@link JobState} without its texts, changelog
 *       {@code <application.id>-job-state-store-changelog}); {@value #TEXT_STORE} (the texts in
 *       segments, {@link JobTexts}); {@value #UNPUBLISHED_STORE} (jobs changed since their last
 *       publication, in memory); {@value #SWEEP_MARK_STORE} (jobId to
 *       what the sweeper did, in memory, changelog {@code <application.id>-job-sweep-mark-store-changelog})</li>
 *   <li>and {@link NotificationTopology}'s: in {@code jobs.viewers} and {@code threads.prefs}, out
 *       {@code notifications}, store {@value NotificationTopology#PRESENCE_STORE}</li>
 * </ul>
 *
 * <p>Each state carries the partition and offset of the first and last event it folded in. The key
 * never changes, so nothing is repartitioned. Every processor, store and internal topic is named:
 * renaming one changes its internal topic and loses state, so names here are part of the contract.
 *
 * <h2>Why ending another instance's job is safe</h2>
 * One instance writes a job's events (it assigns the seqs). Short of a timeout its owner ignored (see
 * below), the sweeper ends a streaming job only when its owner's lease says the owner is gone: STOPPED (it shut down and wrote no more), expired by more
 * than the orphan grace, or missing while the job has been silent for longer than a lease lasts plus
 * the grace. An owner that cannot renew its lease fences itself, stops writing, before its lease
 * expires; so by the time the processor acts, nobody else writes the job any more and a live owner,
 * whose lease has not expired, never loses a job it still runs within its timeout. The terminal event is written inside the Streams
 * transaction together with the sweeper's memory of it, so it is written once even across restarts,
 * and the fold keeps the partial content by construction. It carries the seq after the last one
 * folded; should the owner's last events still have been on their way, that terminal lands behind
 * them, is ignored (its seq is passed), and the next sweep ends the job again after them.
 *
 * <p>A job of a live owner is ended in one case: the owner was sent a TIMEOUT command (the job is
 * older than the ingest's own timeout plus a grace) and the job still streams the timeout escalation
 * later. An ingest that gave up on a job without a terminal event (say, Kafka refused one of its
 * events) ignores the command, as it runs no such job, while its lease lives on for its other jobs;
 * without the escalation that job would stream forever. An owner that ignored a TIMEOUT for that long
 * no longer writes the job; if it still does, the first terminal event in log order wins for every
 * reader, as below. The terminal event goes the same way as an orphan's: marked, written once,
 * written again at the next seq only if it lost to later events of the owner.
 *
 * <p>Remaining risks. The lease's expiry and the job's timestamps are the ingest's clock, "now" is the
 * processor's: an ingest whose clock runs behind by more than the grace could still be writing when
 * its job is ended. Then two terminal events reach the log, and the first in log order wins everywhere
 * (the fold here, the gateway, any reader), because nothing after a terminal event counts; the loser
 * is a stray record that every reader ignores. A lease-less owner is judged by silence alone, so an
 * ingest must publish its lease before it takes jobs (and never delete it), or a job of it that stays
 * silent for a lease and the grace is ended while it runs. An ingest that reuses its instance id after
 * a crash revives the lease of the jobs it lost, and they never end (the timeout command reaches an
 * instance that does not run them): instance ids must be new per process start.
 *
 * <p>The sweeper judges jobs by the state folded so far, which trails the log (by a commit interval,
 * more while a restarted processor catches up): a TIMEOUT command or an orphan's terminal event may
 * then be sent for a job whose own end is still unread. The ingest ignores a command for a job it
 * does not run, and the terminal event lands behind the real one and is ignored.
 *
 * <h2>Retirement</h2>
 * The sweeper removes a retired job from {@value #STORE} and its texts from {@value #TEXT_STORE} itself
 * and emits a tombstone for {@code jobs.state}. A late event of a retired job finds no state, folds to
 * nothing (only STARTED creates a job, and a job id is started once) and publishes nothing.
 *
 * <h2>The fold's cost</h2>
 * {@link JobFoldProcessor} keeps a job's texts apart from the rest of its state and publishes streaming
 * changes once per publish interval (first and terminal states at once), so that folding a delta costs
 * the delta, not the job: see there.
 */
public final class JobStateTopology {

    /** The job-state store; its name also names its changelog topic. */
    public static final String STORE = "job-state-store";

    /** The texts (content, reasoning) of the jobs in {@value #STORE}, in segments ({@link JobTexts}). */
    public static final String TEXT_STORE = "job-text-store";

    /** The jobs changed since their state was last published on {@code jobs.state}. */
    public static final String UNPUBLISHED_STORE = "job-unpublished-store";

    /** The global store of ingest leases, materialized from {@code ingest.leases} (no changelog). */
    public static final String LEASE_STORE = "ingest-lease-store";

    /** The sweeper's memory of the orphans it ended and the timeouts it requested. */
    public static final String SWEEP_MARK_STORE = "job-sweep-mark-store";

    static final String SOURCE = "jobs-deltas-source";
    static final String LEASES = "ingest-leases";
    static final String STAMP_POSITION = "stamp-log-position";
    static final String FOLD = "fold-job-state";
    static final String SWEEP = "sweep-jobs";
    static final String SPLIT_OUTCOMES = "sweep-outcome";
    static final String ORPHAN_BRANCH = "-orphan-terminal";
    static final String TIMEOUT_BRANCH = "-timeout-command";
    static final String RETIREMENT_BRANCH = "-retirement";
    static final String ORPHANS = "orphan-terminals";
    static final String TIMEOUTS = "timeout-commands";
    static final String ORPHANS_SINK = "orphan-terminals-sink";
    static final String TIMEOUTS_SINK = "timeout-commands-sink";
    static final String TOMBSTONES = "retirement-tombstones";
    static final String MERGE_STATE = "merge-state-and-tombstones";
    static final String SINK = "jobs-state-sink";

    private JobStateTopology() {
    }

    /**
     * Adds the pipeline to {@code builder}.
     *
     * @return what is published on {@code jobs.state}: state changes and retirement tombstones
     */
    public static KStream<String, @Nullable JobState> define(StreamsBuilder builder, Duration publishInterval,
            SweepSettings settings, SweepMetrics metrics, LogProgress progress, PresenceSettings presence,
            NotificationMetrics notificationMetrics, FoldMetrics foldMetrics) {
        Topic<String, JobEvent> deltas = Topics.JOB_DELTAS;
        Topic<String, JobState> state = Topics.JOB_STATE;
        Topic<String, InstanceLease> leases = Topics.INGEST_LEASES;

        KStream<String, @Nullable JobEvent> events = builder.stream(deltas.name(),
                Consumed.with(deltas.keySerde(), deltas.valueSerde()).withName(SOURCE));
        // After the job source, so that the job pipeline stays sub-topology 0 (its task ids name the
        // local state directories of running deployments).
        builder.globalTable(leases.name(),
                Consumed.with(leases.keySerde(), leases.valueSerde()).withName(LEASES),
                Materialized.<String, InstanceLease, KeyValueStore<Bytes, byte[]>>as(LEASE_STORE)
                        .withKeySerde(leases.keySerde())
                        .withValueSerde(leases.valueSerde()));
        builder.addStateStore(JobSweeper.markStore(SWEEP_MARK_STORE));
        builder.addStateStore(JobFoldProcessor.stateStore(STORE, state.valueSerde()));
        builder.addStateStore(JobTexts.store(TEXT_STORE));
        builder.addStateStore(JobFoldProcessor.unpublishedStore(UNPUBLISHED_STORE));

        // The fold comes first, so that the sweeper and the decider see each event's effect on the state.
        KStream<String, @Nullable JobState> published = foldJobStates(events, publishInterval, foldMetrics)
                .merge(sweepJobs(events, settings, metrics, progress), Named.as(MERGE_STATE));
        published.to(state.name(), Produced.with(state.keySerde(), state.valueSerde()).withName(SINK));
        // After the fold, for the same reason as the sweeper, and so that the decider runs after the fold.
        NotificationTopology.define(builder, events, presence, notificationMetrics);
        return published;
    }

    private static KStream<String, @Nullable JobState> foldJobStates(KStream<String, @Nullable JobEvent> events,
            Duration publishInterval, FoldMetrics metrics) {
        JobFoldProcessor.StoreNames stores = new JobFoldProcessor.StoreNames(STORE, TEXT_STORE, UNPUBLISHED_STORE);
        return events
                .processValues(() -> new LogPositionStamper(metrics), Named.as(STAMP_POSITION))
                .process(() -> new JobFoldProcessor(publishInterval, stores), Named.as(FOLD), STORE, TEXT_STORE,
                        UNPUBLISHED_STORE);
    }

    /** Routes the sweeper's orphan terminals and timeout commands to their topics; returns its tombstones. */
    private static KStream<String, @Nullable JobState> sweepJobs(KStream<String, @Nullable JobEvent> events,
            SweepSettings settings, SweepMetrics metrics, LogProgress progress) {
        JobSweeper.StoreNames stores = new JobSweeper.StoreNames(STORE, TEXT_STORE, LEASE_STORE, SWEEP_MARK_STORE);
        Map<String, KStream<String, SweepOutcome>> outcomes = events
                .process(() -> new JobSweeper(settings, metrics, stores, progress), Named.as(SWEEP), STORE, TEXT_STORE,
                        SWEEP_MARK_STORE)
                .split(Named.as(SPLIT_OUTCOMES))
                .branch((jobId, outcome) -> outcome instanceof SweepOutcome.TerminalEvent, Branched.as(ORPHAN_BRANCH))
                .branch((jobId, outcome) -> outcome instanceof SweepOutcome.TimeoutCommand, Branched.as(TIMEOUT_BRANCH))
                .defaultBranch(Branched.as(RETIREMENT_BRANCH));

        Topic<String, JobEvent> deltas = Topics.JOB_DELTAS;
        outcomes.get(SPLIT_OUTCOMES + ORPHAN_BRANCH)
                .mapValues(outcome -> ((SweepOutcome.TerminalEvent) outcome).event(), Named.as(ORPHANS))
                .to(deltas.name(), Produced.with(deltas.keySerde(), deltas.valueSerde()).withName(ORPHANS_SINK));
        Topic<String, JobCommand> control = Topics.JOB_CONTROL;
        outcomes.get(SPLIT_OUTCOMES + TIMEOUT_BRANCH)
                .mapValues(outcome -> ((SweepOutcome.TimeoutCommand) outcome).command(), Named.as(TIMEOUTS))
                .to(control.name(), Produced.with(control.keySerde(), control.valueSerde()).withName(TIMEOUTS_SINK));
        return outcomes.get(SPLIT_OUTCOMES + RETIREMENT_BRANCH).mapValues(JobStateTopology::tombstone, Named.as(TOMBSTONES));
    }

    private static @Nullable JobState tombstone(SweepOutcome retirement) {
        return null;
    }
}
