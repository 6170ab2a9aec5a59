package io.tributary.ingest.limit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * At most N job starts per user within any sliding window (a minute), by a log of each user's
 * recent starts: exact at the window's edge, unlike a fixed window that allows 2N across it, and
 * small, since a user's log never holds more than N instants. Once per window the users without a
 * start in it are forgotten, so memory follows the active users, not every user ever seen.
 */
public final class StartRateLimiter {

    private final int maxStarts;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> startsByUser = new HashMap<>();
    private Instant nextCleanup = Instant.MIN;

    public StartRateLimiter(int maxStarts, Duration window, Clock clock) {
        this.maxStarts = maxStarts;
        this.window = window;
        this.clock = clock;
    }

    /**
     * Counts a start of the user if the window allows one more.
     *
     * @return empty when the start is counted; otherwise how long until the window allows one
     */
    public synchronized Optional<Duration> tryStart(String userId) {
        Instant now = clock.instant();
        Instant windowStart = now.minus(window);
        if (!now.isBefore(nextCleanup)) {
            forgetIdleUsers(windowStart);
            nextCleanup = now.plus(window);
        }
        Deque<Instant> starts = startsByUser.computeIfAbsent(userId, user -> new ArrayDeque<>());
        forgetOlderThan(starts, windowStart);
        if (starts.size() >= maxStarts) {
            return Optional.of(Duration.between(now, starts.peekFirst().plus(window)));
        }
        starts.addLast(now);
        return Optional.empty();
    }

    private void forgetIdleUsers(Instant windowStart) {
        startsByUser.values().removeIf(starts -> {
            forgetOlderThan(starts, windowStart);
            return starts.isEmpty();
        });
    }

    /** How many users have a start in the window (for tests and metrics). */
    synchronized int trackedUsers() {
        return startsByUser.size();
    }

    private static void forgetOlderThan(Deque<Instant> starts, Instant windowStart) {
        while (!starts.isEmpty() && !starts.peekFirst().isAfter(windowStart)) {
            starts.pollFirst();
        }
    }
}
