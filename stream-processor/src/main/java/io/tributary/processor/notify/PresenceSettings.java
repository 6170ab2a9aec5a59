package io.tributary.processor.notify;

import java.time.Duration;

/**
 * How long the presence store keeps what it knows, free of Spring so that the topology can be built
 * from plain values (the Spring side binds them from {@code tributary.processor.presence-*}).
 *
 * @param retention how long after all its connections ended a job's entry stays in the presence store;
 *     an entry is normally removed when its job's end is decided, so this only bounds the entries of
 *     jobs whose end the processor never sees (presence for an unknown or already retired job)
 * @param pruneInterval how often, by the processor's wall clock, each task removes such entries
 */
public record PresenceSettings(Duration retention, Duration pruneInterval) {

    public PresenceSettings {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive, was " + retention);
        }
        if (pruneInterval.isNegative() || pruneInterval.isZero()) {
            throw new IllegalArgumentException("pruneInterval must be positive, was " + pruneInterval);
        }
    }
}
