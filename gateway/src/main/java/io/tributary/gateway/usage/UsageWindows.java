package io.tributary.gateway.usage;

import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.ConcurrentSkipListMap;

import io.tributary.gateway.kafka.ReplicatedRecord;
import io.tributary.schema.UsageWindow;
import io.tributary.schema.UsageWindowKind;

/**
 * The usage windows as far as this gateway has read {@code analytics.usage} (compacted, keyed by
 * {@link io.tributary.schema.topic.RecordKeys#usageWindow}): the newest record of a key wins. Held
 * sorted by key, which starts with the window's size and its start, so the windows of a range are one
 * slice of the map. One thread writes (the replica's), any thread reads.
 */
public final class UsageWindows {

    private final ConcurrentSkipListMap<String, UsageWindow> windows = new ConcurrentSkipListMap<>();

    public void apply(ReplicatedRecord<UsageWindow> record) {
        UsageWindow window = record.value();
        if (window == null) {
            windows.remove(record.key());
        } else {
            windows.put(record.key(), window);
        }
    }

    /**
     * Every record (of every partition, user and model) of the windows of {@code kind} that start at or
     * after {@code from} and before {@code to}; both must be aligned to the window's size, so that they
     * print as the keys do.
     */
    public Collection<UsageWindow> starting(UsageWindowKind kind, Instant from, Instant to) {
        String prefix = kind.name().toLowerCase(Locale.ROOT) + "/";
        return windows.subMap(prefix + from, true, prefix + to, false).values();
    }

    /** How many window records are held, over all sizes. */
    public int size() {
        return windows.size();
    }
}
