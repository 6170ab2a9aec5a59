package io.tributary.gateway.kafka;

import org.jspecify.annotations.Nullable;

/**
 * One record of a replicated topic, decoded, as a view applies it.
 *
 * @param key the record's key (records without one are skipped before they get here)
 * @param value the decoded value; null for a tombstone
 * @param partition the partition the record lies on
 * @param offset its offset there; within a partition, offsets order records
 */
public record ReplicatedRecord<V>(String key, @Nullable V value, int partition, long offset) {
}
