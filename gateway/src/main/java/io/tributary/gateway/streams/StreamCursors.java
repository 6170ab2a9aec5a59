package io.tributary.gateway.streams;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * {@code Stream-Cursor}: the number of 20-second intervals since 2024-10-09, which keeps a CDN from
 * answering two long-polls of one interval alike. A client whose cursor is not behind the current
 * interval gets one further ahead, by a random jitter, so that its next request is never served from a
 * cache (the protocol's section on caching; the reference server does the same).
 */
final class StreamCursors {

    private static final Instant EPOCH = Instant.parse("2024-10-09T00:00:00Z");
    private static final long INTERVAL_SECONDS = 20;
    private static final long MAX_JITTER_SECONDS = 3600;

    private final Clock clock;

    StreamCursors(Clock clock) {
        this.clock = clock;
    }

    String next(@Nullable String clientCursor) {
        long current = Duration.between(EPOCH, clock.instant()).toSeconds() / INTERVAL_SECONDS;
        long client = parse(clientCursor);
        if (client < current) {
            return Long.toString(current);
        }
        long jitterSeconds = ThreadLocalRandom.current().nextLong(1, MAX_JITTER_SECONDS + 1);
        return Long.toString(client + Math.max(1, (jitterSeconds + INTERVAL_SECONDS - 1) / INTERVAL_SECONDS));
    }

    private static long parse(@Nullable String cursor) {
        if (cursor == null || cursor.isEmpty() || cursor.length() > 18 || !cursor.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Long.parseLong(cursor);
    }
}
