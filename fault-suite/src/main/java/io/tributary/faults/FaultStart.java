package io.tributary.faults;

import java.time.Instant;

/**
 * The moment a round's fault began: set by the fault itself right before its first blow (a signal, a
 * member removed from the group, the runner stopped), not when its injection was called, because
 * finding the target (the busiest leader, the group's members) can take seconds on a loaded machine.
 */
final class FaultStart {

    private volatile long nanos = Long.MAX_VALUE;
    private volatile Instant instant = Instant.MAX;

    /** Marks the fault's start; only the first call counts. */
    synchronized void now() {
        if (nanos == Long.MAX_VALUE) {
            instant = Instant.now();
            nanos = System.nanoTime();
        }
    }

    /** {@link System#nanoTime()} at the start, or {@link Long#MAX_VALUE} before it. */
    long nanos() {
        return nanos;
    }

    Instant instant() {
        return instant;
    }
}
