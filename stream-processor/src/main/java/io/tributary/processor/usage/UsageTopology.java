package io.tributary.processor.usage;

import java.time.Duration;

import io.tributary.schema.JobEvent;
import io.tributary.schema.JobUsage;
import io.tributary.schema.UsageWindow;
import io.tributary.schema.serde.AvroSerdes;
import io.tributary.schema.topic.Topic;
import io.tributary.schema.topic.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import tools.jackson.databind.json.JsonMapper;

/**
 * The usage analytics: every finished job of {@code jobs.deltas} counted in its UTC minute, hour and
 * day windows per user and model, per partition ({@link UsageFoldProcessor}).
 *
 * <ul>
 *   <li>in: {@code jobs.deltas}, key jobId, value {@link JobEvent}</li>
 *   <li>out: {@code analytics.usage} (or the topic given, for a recomputation to compare), key
 *       {@link io.tributary.schema.topic.RecordKeys#usageWindow}, value {@link UsageWindow}: the window's
 *       figures after each job that ends in it, and once more when it closes</li>
 *   <li>stores: {@value #JOB_STORE} (jobId to {@link JobUsage}, the jobs still streaming) and
 *       {@value #WINDOW_STORE} (the open windows), both persistent with changelogs</li>
 * </ul>
 *
 * <p>It runs as a Kafka Streams application of its own, with its own application id, consumer group
 * and state, next to the job topology in the processor service: it shares nothing with the job
 * topology but the input, so it can be recomputed (a new application id reads {@code jobs.deltas}
 * from its start) or moved to a deployment of its own without touching jobs, and a fault in it never
 * holds up a viewer's status or a notification. Names here are part of the contract, as in
 * {@link io.tributary.processor.topology.JobStateTopology}.
 */
public final class UsageTopology {

    public static final String JOB_STORE = "usage-job-store";
    public static final String WINDOW_STORE = "usage-window-store";

    static final String SOURCE = "usage-jobs-deltas-source";
    static final String FOLD = "fold-usage-windows";
    static final String SINK = "usage-windows-sink";

    private UsageTopology() {
    }

    /**
     * @param outputTopic {@code analytics.usage}, or another topic for a recomputation to be compared
     * @param grace how long after its end a window still takes jobs that ended in it
     * @param closeCheckInterval how often, in stream time, open windows are checked for closing
     */
    public static void define(StreamsBuilder builder, String outputTopic, Duration grace, Duration closeCheckInterval,
            JsonMapper mapper, UsageMetrics metrics) {
        Topic<String, JobEvent> deltas = Topics.JOB_DELTAS;
        Topic<String, UsageWindow> usage = Topics.ANALYTICS_USAGE;
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(JOB_STORE),
                Serdes.String(), AvroSerdes.jobUsage()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WINDOW_STORE),
                Serdes.String(), AvroSerdes.usageWindow()).withCachingEnabled());
        JobUsageFold fold = new JobUsageFold(new UsageReport(mapper));
        builder.stream(deltas.name(), Consumed.with(deltas.keySerde(), deltas.valueSerde()).withName(SOURCE))
                .process(() -> new UsageFoldProcessor(grace, closeCheckInterval, fold, metrics), Named.as(FOLD),
                        JOB_STORE, WINDOW_STORE)
                .to(outputTopic, Produced.with(usage.keySerde(), usage.valueSerde()).withName(SINK));
    }
}
