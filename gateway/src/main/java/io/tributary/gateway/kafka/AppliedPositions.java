package io.tributary.gateway.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.common.TopicPartition;

/**
 * How far a replica has applied each partition, and who waits for a given offset to be applied: the
 * read-your-writes half of a write. The replica's thread advances the positions after it has applied a
 * batch; any thread may wait. Registration and advance share one lock, so a waiter either sees the
 * position that covers its offset or is completed by the advance that reaches it, never neither.
 */
final class AppliedPositions {

    private record Waiter(long offset, CompletableFuture<Void> applied) {
    }

    private final Object lock = new Object();
    /** The next offset to apply per partition (everything below is applied); guarded by {@link #lock}. */
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    /** Guarded by {@link #lock}. */
    private final Map<TopicPartition, List<Waiter>> waiters = new HashMap<>();

    /** Completes once the record at this offset has been applied (at once if it already has). */
    CompletableFuture<Void> awaitApplied(TopicPartition partition, long offset) {
        synchronized (lock) {
            if (position(partition) > offset) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> applied = new CompletableFuture<>();
            waiters.computeIfAbsent(partition, p -> new ArrayList<>()).add(new Waiter(offset, applied));
            return applied;
        }
    }

    /** Drops a waiter that gave up (timed out, cancelled), so that waiters do not pile up. */
    void forget(TopicPartition partition, CompletableFuture<Void> applied) {
        synchronized (lock) {
            List<Waiter> waiting = waiters.get(partition);
            if (waiting != null) {
                waiting.removeIf(waiter -> waiter.applied() == applied);
                if (waiting.isEmpty()) {
                    waiters.remove(partition);
                }
            }
        }
    }

    /**
     * Records that everything below {@code position} is applied, and completes the waiters it covers.
     * Positions only move forward. The waiters are completed outside the lock, since what they run next
     * is not ours to hold it for.
     */
    void advance(TopicPartition partition, long position) {
        List<CompletableFuture<Void>> reached = new ArrayList<>();
        synchronized (lock) {
            long advanced = Math.max(position(partition), position);
            positions.put(partition, advanced);
            List<Waiter> waiting = waiters.get(partition);
            if (waiting != null) {
                for (Iterator<Waiter> it = waiting.iterator(); it.hasNext(); ) {
                    Waiter waiter = it.next();
                    if (waiter.offset() < advanced) {
                        reached.add(waiter.applied());
                        it.remove();
                    }
                }
                if (waiting.isEmpty()) {
                    waiters.remove(partition);
                }
            }
        }
        reached.forEach(applied -> applied.complete(null));
    }

    /** The next offset to apply; 0 for a partition not read yet. */
    long position(TopicPartition partition) {
        synchronized (lock) {
            return positions.getOrDefault(partition, 0L);
        }
    }

    /** How many writes wait to be read back; for tests and health details. */
    int waiting() {
        synchronized (lock) {
            return waiters.values().stream().mapToInt(List::size).sum();
        }
    }
}
