package io.tributary.processor.notify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.tributary.processor.notify.NotificationMetrics.IgnoredPresence;
import io.tributary.schema.JobState;
import io.tributary.schema.ViewerPresence;
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
 * Records viewer presence ({@code jobs.viewers}) per job in the presence store, for the notification
 * decision to read when the job ends. Presence for a job that has already ended is ignored: its
 * decision is taken and its entry gone, and recording it would only leave garbage. Presence for a job
 * not started yet (its STARTED still on its way) is kept.
 *
 * <p>Every {@code pruneInterval} of wall-clock time it removes the entries whose connections all ended
 * more than {@code retention} ago: those of jobs whose end this task never decides (retired before the
 * presence arrived, or never started). "Ago" counts back from the earlier of the wall clock and the
 * task's stream time: while a processor catches up on a backlog, its stream time is the time of the
 * records it is reading, and an entry those records' terminal events are about to need is not yet old
 * by it.
 */
public final class PresenceRecorder implements Processor<String, @Nullable ViewerPresence, Void, Void> {

    private static final Logger log = LoggerFactory.getLogger(PresenceRecorder.class);

    private final PresenceSettings settings;
    private final NotificationMetrics metrics;
    private final String jobStoreName;
    private final String presenceStoreName;

    private @Nullable ProcessorContext<Void, Void> context;
    private @Nullable KeyValueStore<String, ValueAndTimestamp<JobState>> jobs;
    private @Nullable KeyValueStore<String, JobViewers> presence;

    /**
     * The presence store: in memory, since it holds only jobs being watched now (an entry goes when its
     * job's end is decided), and logged, so that it is restored with the task and rolls back with its
     * transaction.
     */
    public static StoreBuilder<KeyValueStore<String, JobViewers>> presenceStore(String name) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), JobViewersSerde.serde());
    }

    /**
     * @param jobStoreName the job-state store (jobId to state), read only
     * @param presenceStoreName the presence store (jobId to {@link JobViewers})
     */
    public PresenceRecorder(PresenceSettings settings, NotificationMetrics metrics, String jobStoreName,
            String presenceStoreName) {
        this.settings = settings;
        this.metrics = metrics;
        this.jobStoreName = jobStoreName;
        this.presenceStoreName = presenceStoreName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.jobs = context.getStateStore(jobStoreName);
        this.presence = context.getStateStore(presenceStoreName);
        context.schedule(settings.pruneInterval(), PunctuationType.WALL_CLOCK_TIME, this::prune);
    }

    @Override
    public void process(Record<String, @Nullable ViewerPresence> record) {
        ViewerPresence value = record.value();
        String jobId = record.key();
        if (value == null || jobId == null || !JobViewers.understands(value)) {
            metrics.presenceIgnored(IgnoredPresence.UNREADABLE);
            return;
        }
        if (JobOutcomes.hasEnded(ValueAndTimestamp.getValueOrNull(require(jobs).get(jobId)))) {
            metrics.presenceIgnored(IgnoredPresence.JOB_ENDED);
            return;
        }
        KeyValueStore<String, JobViewers> store = require(presence);
        JobViewers known = store.get(jobId);
        JobViewers viewers = known == null ? JobViewers.none() : known;
        if (!viewers.accepts(value)) {
            metrics.presenceIgnored(IgnoredPresence.CONNECTION_LEFT);
            return;
        }
        store.put(jobId, viewers.with(value));
        metrics.presenceApplied(value.getKind());
    }

    /** Collects first, deletes after: no store changes under an open iterator. */
    private void prune(long wallClockMillis) {
        long streamTime = require(context).currentStreamTimeMs();
        Instant cutoff = Instant.ofEpochMilli(Math.min(wallClockMillis, streamTime)).minus(settings.retention());
        KeyValueStore<String, JobViewers> store = require(presence);
        List<String> stale = new ArrayList<>();
        try (KeyValueIterator<String, JobViewers> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, JobViewers> entry = all.next();
                if (entry.value.allEndedBefore(cutoff)) {
                    stale.add(entry.key);
                }
            }
        }
        stale.forEach(store::delete);
        if (!stale.isEmpty()) {
            log.debug("Pruned the presence of {} jobs whose viewers all left before {}", stale.size(), cutoff);
        }
    }

    private static <T> T require(@Nullable T initialized) {
        if (initialized == null) {
            throw new IllegalStateException("Processor used before init");
        }
        return initialized;
    }
}
