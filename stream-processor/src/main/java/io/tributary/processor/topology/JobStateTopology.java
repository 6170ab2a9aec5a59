package io.tributary.processor.topology;

import io.tributary.processor.function.JobStateAggregator;
import io.tributary.processor.function.LogPositionStamper;
import io.tributary.processor.function.PositionedEvent;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobState;
import io.tributary.schema.topic.Topic;
import io.tributary.schema.topic.Topics;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;

/**
 * The job-state table: folds every job's events into its state and publishes each change.
 *
 * <ul>
 *   <li>in: {@code jobs.deltas}, key jobId ({@code String}), value {@link JobEvent}
 *       ({@link Topics#JOB_DELTAS})</li>
 *   <li>out: {@code jobs.state}, key jobId ({@code String}), value {@link JobState}
 *       ({@link Topics#JOB_STATE}), compacted; never a null value (a job before its STARTED event
 *       has no state and publishes nothing)</li>
 *   <li>store: {@value #STORE} (key-value, jobId to {@link JobState}), changelog
 *       {@code <application.id>-job-state-store-changelog}</li>
 * </ul>
 *
 * <p>Each state carries the partition and offset of the first and last event it folded in. The key
 * never changes, so nothing is repartitioned. Every processor, store and internal topic is named:
 * renaming one changes its internal topic and loses state, so names here are part of the contract.
 */
public final class JobStateTopology {

    /** The job-state store; its name also names its changelog topic. */
    public static final String STORE = "job-state-store";

    static final String SOURCE = "jobs-deltas-source";
    static final String STAMP_POSITION = "stamp-log-position";
    static final String GROUP_BY_JOB = "group-events-by-job";
    static final String FOLD = "fold-job-state";
    static final String CHANGES = "job-state-changes";
    static final String DROP_UNSTARTED = "drop-unstarted-jobs";
    static final String SINK = "jobs-state-sink";

    private JobStateTopology() {
    }

    /**
     * Adds the pipeline to {@code builder}.
     *
     * @return the published state changes, for pipelines that build on them
     */
    public static KStream<String, JobState> define(StreamsBuilder builder) {
        Topic<String, JobEvent> deltas = Topics.JOB_DELTAS;
        Topic<String, JobState> state = Topics.JOB_STATE;

        KStream<String, JobState> changes = builder
                .stream(deltas.name(), Consumed.with(deltas.keySerde(), deltas.valueSerde()).withName(SOURCE))
                .processValues(LogPositionStamper::new, Named.as(STAMP_POSITION))
                .groupByKey(Grouped.<String, PositionedEvent>as(GROUP_BY_JOB).withKeySerde(deltas.keySerde()))
                .aggregate(JobStateTopology::noState, new JobStateAggregator(), Named.as(FOLD),
                        Materialized.<String, @Nullable JobState, KeyValueStore<Bytes, byte[]>>as(STORE)
                                .withKeySerde(state.keySerde())
                                .withValueSerde(state.valueSerde()))
                .toStream(Named.as(CHANGES))
                .filter((jobId, job) -> job != null, Named.as(DROP_UNSTARTED));

        changes.to(state.name(), Produced.with(state.keySerde(), state.valueSerde()).withName(SINK));
        return changes;
    }

    private static @Nullable JobState noState() {
        return null;
    }
}
