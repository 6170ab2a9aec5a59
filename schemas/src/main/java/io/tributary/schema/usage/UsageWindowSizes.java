package io.tributary.schema.usage;

import java.time.Duration;
import java.time.Instant;

import io.tributary.schema.UsageWindowKind;

/**
 * The size of each kind of usage window and where its windows start: aligned to the epoch, so to UTC (a
 * minute at :00 seconds, an hour at :00, a day at 00:00Z). One definition for the processor that fills
 * the windows and the readers that ask for them.
 */
public final class UsageWindowSizes {

    private UsageWindowSizes() {
    }

    public static Duration size(UsageWindowKind kind) {
        return switch (kind) {
            case MINUTE -> Duration.ofMinutes(1);
            case HOUR -> Duration.ofHours(1);
            case DAY -> Duration.ofDays(1);
            case UNKNOWN -> throw new IllegalArgumentException("A usage window needs a size");
        };
    }

    /** The start of the window of {@code kind} that holds {@code moment}. */
    public static Instant start(UsageWindowKind kind, Instant moment) {
        long size = size(kind).toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(moment.toEpochMilli(), size) * size);
    }

    /** The first window start at or after {@code moment}. */
    public static Instant startAtOrAfter(UsageWindowKind kind, Instant moment) {
        Instant start = start(kind, moment);
        return start.equals(moment) ? start : start.plus(size(kind));
    }
}
