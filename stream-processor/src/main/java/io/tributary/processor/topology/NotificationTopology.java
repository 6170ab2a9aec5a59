package io.tributary.processor.topology;

import io.tributary.processor.notify.NotificationDecider;
import io.tributary.processor.notify.NotificationMetrics;
import io.tributary.processor.notify.PresenceRecorder;
import io.tributary.processor.notify.PresenceSettings;
import io.tributary.schema.JobEvent;
import io.tributary.schema.Notification;
import io.tributary.schema.ThreadPreference;
import io.tributary.schema.ViewerPresence;
import io.tributary.schema.topic.RecordKeys;
import io.tributary.schema.topic.Topic;
import io.tributary.schema.topic.Topics;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;

/**
 * Viewer presence and the notification of a job's end, part of the job pipeline: it works on the
 * job-state store of {@link JobStateTopology}, so it lives in the same sub-topology and its tasks.
 *
 * <ul>
 *   <li>in: {@code jobs.viewers}, key jobId, value {@link ViewerPresence} ({@link Topics#JOB_VIEWERS}),
 *       recorded per job in {@value #PRESENCE_STORE}. Reading it in the job pipeline's tasks makes
 *       Streams co-partition it with {@code jobs.deltas}: one task sees a job's presence and its events,
 *       in timestamp order</li>
 *   <li>in: {@code threads.prefs}, key {@link RecordKeys#thread}(userId, threadId), value
 *       {@link ThreadPreference} ({@link Topics#THREAD_PREFS}), read whole by every instance as the
 *       global store {@value #THREAD_PREFERENCE_STORE}; a tombstone unmutes</li>
 *   <li>in: {@code jobs.deltas} (the job pipeline's source): a job's terminal event decides its
 *       notification</li>
 *   <li>out: {@code notifications}, key userId, value {@link Notification} ({@link Topics#NOTIFICATIONS}):
 *       at most one per job, when no viewer watched it end and its thread is not muted</li>
 *   <li>stores: {@value #PRESENCE_STORE} (jobId to the job's viewer connections, in memory, changelog
 *       {@code <application.id>-viewer-presence-store-changelog}); reads {@value JobStateTopology#STORE}</li>
 * </ul>
 */
public final class NotificationTopology {

    /** The presence store: jobId to the connections seen watching the job. */
    public static final String PRESENCE_STORE = "viewer-presence-store";

    /** The global store of thread preferences, materialized from {@code threads.prefs} (no changelog). */
    public static final String THREAD_PREFERENCE_STORE = "thread-preference-store";

    static final String VIEWERS_SOURCE = "jobs-viewers-source";
    static final String RECORD_PRESENCE = "record-viewer-presence";
    static final String THREAD_PREFERENCES = "thread-preferences";
    static final String DECIDE = "decide-notification";
    static final String NOTIFICATIONS_SINK = "notifications-sink";

    private NotificationTopology() {
    }

    /**
     * Adds presence and notifications to {@code builder}. Must be called after the fold has been defined
     * on {@code events}: the decider is connected to the fold's store and must run after it.
     */
    static void define(StreamsBuilder builder, KStream<String, @Nullable JobEvent> events, PresenceSettings settings,
            NotificationMetrics metrics) {
        Topic<String, ThreadPreference> prefs = Topics.THREAD_PREFS;
        builder.globalTable(prefs.name(),
                Consumed.with(prefs.keySerde(), prefs.valueSerde()).withName(THREAD_PREFERENCES),
                Materialized.<String, ThreadPreference, KeyValueStore<Bytes, byte[]>>as(THREAD_PREFERENCE_STORE)
                        .withKeySerde(prefs.keySerde())
                        .withValueSerde(prefs.valueSerde()));
        builder.addStateStore(PresenceRecorder.presenceStore(PRESENCE_STORE));

        Topic<String, ViewerPresence> viewers = Topics.JOB_VIEWERS;
        builder.stream(viewers.name(), Consumed.with(viewers.keySerde(), viewers.valueSerde()).withName(VIEWERS_SOURCE))
                .process(() -> new PresenceRecorder(settings, metrics, JobStateTopology.STORE, PRESENCE_STORE),
                        Named.as(RECORD_PRESENCE), JobStateTopology.STORE, PRESENCE_STORE);

        NotificationDecider.StoreNames stores = new NotificationDecider.StoreNames(JobStateTopology.STORE,
                PRESENCE_STORE, THREAD_PREFERENCE_STORE);
        Topic<String, Notification> notifications = Topics.NOTIFICATIONS;
        events.process(() -> new NotificationDecider(metrics, stores), Named.as(DECIDE), JobStateTopology.STORE,
                        PRESENCE_STORE)
                .to(notifications.name(), Produced.with(notifications.keySerde(), notifications.valueSerde())
                        .withName(NOTIFICATIONS_SINK));
    }
}
