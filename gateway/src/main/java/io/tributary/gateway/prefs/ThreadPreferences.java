package io.tributary.gateway.prefs;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.tributary.gateway.kafka.ReplicatedRecord;
import io.tributary.schema.ThreadPreference;
import io.tributary.schema.topic.RecordKeys;

/**
 * Which threads users have muted, as far as this gateway has read {@code threads.prefs} (compacted,
 * keyed by {@link RecordKeys#thread}): the latest record of a key wins, and a tombstone or
 * {@code muted: false} unmutes. Only muted keys are held, since unmuted is what nothing stored means.
 * One thread writes (the replica's), any thread reads.
 */
public final class ThreadPreferences {

    private final Set<String> muted = ConcurrentHashMap.newKeySet();

    public void apply(ReplicatedRecord<ThreadPreference> record) {
        ThreadPreference preference = record.value();
        if (preference != null && preference.getMuted()) {
            muted.add(record.key());
        } else {
            muted.remove(record.key());
        }
    }

    public boolean isMuted(String userId, String threadId) {
        return muted.contains(RecordKeys.thread(userId, threadId));
    }

    /** How many threads are muted, over all users. */
    public int mutedThreads() {
        return muted.size();
    }
}
