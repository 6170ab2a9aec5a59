package io.tributary.processor.function;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.tributary.processor.cloudevents.ProcessorCloudEvents;
import io.tributary.schema.JobState;
import io.tributary.schema.JobStatus;
import io.tributary.schema.fold.JobFold;
import io.tributary.support.tracing.TraceParent;
import org.apache.kafka.common.serialization.Serde;
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
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.jspecify.annotations.Nullable;

/**
 * Folds each job's events into its state with {@link JobFold} (the one definition of what an event
 * does to a job) and publishes the state, at a cost per delta that does not grow with the job.
 *
 * <p>Three stores, all logged and so rolled back and restored with the task's transaction:
 * <ul>
 *   <li>the job-state store holds each job's state <em>without its texts</em> (content and reasoning
 *       empty): status, seq, log positions, counters, tool calls. The sweeper and the notification
 *       decider read it; it stays small, so folding a delta and scanning all jobs cost little;</li>
 *   <li>{@link JobTexts} holds the texts in segments: a delta appends to one segment;</li>
 *   <li>the publication store holds the jobs changed since their last publication.</li>
 * </ul>
 *
 * <p>Publication: a job's first state (STARTED) and its terminal state go out with the event that made
 * them. Streaming changes are published every {@code publishInterval} of wall-clock time, one state per
 * changed job with its whole text. Re-publishing the growing content on every delta would cost O(n²)
 * bytes and CPU for an n-chunk job (the DSL aggregate did, less what the record cache coalesced per
 * commit); this costs one state per job per interval. Readers lose nothing: the state carries the log
 * position of its last event, and a viewer follows {@code jobs.deltas} from there. With an interval of
 * zero every change is published at once (tests, and readers that want each step).
 *
 * <p>A job has no state until its STARTED event; an event that does not count (before the start, a
 * duplicate, anything after the terminal event) changes and publishes nothing.
 */
public final class JobFoldProcessor implements Processor<String, PositionedEvent, String, JobState> {

    private final Duration publishInterval;
    private final StoreNames storeNames;
    private @Nullable ProcessorContext<String, JobState> context;
    private @Nullable TimestampedKeyValueStore<String, JobState> states;
    private @Nullable JobTexts texts;
    private @Nullable KeyValueStore<String, Long> unpublished;

    /**
     * @param states the job-state store (jobId to state without texts)
     * @param texts the {@link JobTexts} store
     * @param unpublished jobId to the seq of its latest change not published yet
     */
    public record StoreNames(String states, String texts, String unpublished) {
    }

    public JobFoldProcessor(Duration publishInterval, StoreNames storeNames) {
        this.publishInterval = publishInterval;
        this.storeNames = storeNames;
    }

    /** The job-state store: persistent (a restart resumes from the local copy), logged, cached. */
    public static StoreBuilder<TimestampedKeyValueStore<String, JobState>> stateStore(String name,
            Serde<JobState> serde) {
        return Stores.timestampedKeyValueStoreBuilder(Stores.persistentTimestampedKeyValueStore(name), Serdes.String(),
                serde).withCachingEnabled();
    }

    /**
     * The publication store: one small entry per job changed within the interval, so in memory; cached, so
     * that a job's many marks between two commits reach the changelog as one record.
     */
    public static StoreBuilder<KeyValueStore<String, Long>> unpublishedStore(String name) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), Serdes.Long())
                .withCachingEnabled();
    }

    @Override
    public void init(ProcessorContext<String, JobState> context) {
        this.context = context;
        this.states = context.getStateStore(storeNames.states());
        this.texts = new JobTexts(context.getStateStore(storeNames.texts()));
        this.unpublished = context.getStateStore(storeNames.unpublished());
        if (!publishInterval.isZero()) {
            context.schedule(publishInterval, PunctuationType.WALL_CLOCK_TIME, now -> publishChanged());
        }
    }

    @Override
    public void process(Record<String, PositionedEvent> record) {
        String jobId = record.key();
        if (jobId == null) {
            return;
        }
        JobState known = ValueAndTimestamp.getValueOrNull(require(states).get(jobId));
        JobFold fold = known == null ? JobFold.empty(jobId) : JobFold.of(known);
        if (!fold.apply(record.value().event(), record.value().position())) {
            return;
        }
        // The fold started from a state without texts, so its texts are what this event added.
        JobState folded = fold.toState();
        if (folded == null) {
            return;
        }
        long seq = folded.getSeq();
        require(texts).append(jobId, JobTexts.Kind.CONTENT, seq, folded.getContent());
        require(texts).append(jobId, JobTexts.Kind.REASONING, seq, folded.getReasoning());
        folded.setContent("");
        folded.setReasoning("");
        require(states).put(jobId, ValueAndTimestamp.make(folded, record.timestamp()));
        if (publishInterval.isZero() || known == null || folded.getStatus() != JobStatus.STREAMING) {
            // The job's trace goes on with the states published at its start and end, at once from its events.
            publish(jobId, folded, record.timestamp(), TraceParent.of(record.headers()));
        } else {
            require(unpublished).put(jobId, seq);
        }
    }

    /** Publishes every job changed since its last publication; collected first, so no store changes under the iterator. */
    private void publishChanged() {
        List<String> changed = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = require(unpublished).all()) {
            all.forEachRemaining(entry -> changed.add(entry.key));
        }
        for (String jobId : changed) {
            ValueAndTimestamp<JobState> state = require(states).get(jobId);
            if (state != null) {
                publish(jobId, state.value(), state.timestamp(), null);
            } else {
                require(unpublished).delete(jobId);
            }
        }
    }

    /**
     * Sends the job's whole state, texts joined back in, to {@code jobs.state}, as a CloudEvent and with the
     * job's {@code traceparent} when the event that caused it carried one.
     */
    private void publish(String jobId, JobState withoutTexts, long timestamp, @Nullable String traceparent) {
        long seq = withoutTexts.getSeq();
        JobState whole = JobState.newBuilder(withoutTexts)
                .setContent(require(texts).read(jobId, JobTexts.Kind.CONTENT, seq))
                .setReasoning(require(texts).read(jobId, JobTexts.Kind.REASONING, seq))
                .build();
        KeyValueStore<String, Long> changed = require(unpublished);
        // Only when there: a delete of a missing key would still log a tombstone.
        if (changed.get(jobId) != null) {
            changed.delete(jobId);
        }
        require(context).forward(new Record<>(jobId, whole, timestamp,
                TraceParent.add(ProcessorCloudEvents.jobState(whole, timestamp), traceparent)));
    }

    private static <T> T require(@Nullable T initialized) {
        if (initialized == null) {
            throw new IllegalStateException("Processor used before init");
        }
        return initialized;
    }
}
