package io.tributary.gateway.api;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * How many SSE streams each user holds open on this gateway, against a bound per user: job streams and
 * notification feeds count alike, since each holds a connection and a buffer. A user's entry is removed
 * with their last stream, so the map holds only users who are watching something.
 *
 * <p>The count is per gateway instance on purpose: it bounds what one user can take of this process,
 * needs no coordination, and a gateway that restarts starts from zero because its streams ended with it.
 */
final class OpenStreams {

    private final int maxPerUser;
    private final ConcurrentMap<String, Integer> open = new ConcurrentHashMap<>();

    OpenStreams(int maxPerUser) {
        this.maxPerUser = maxPerUser;
    }

    /** Takes one of the user's places; false, with nothing taken, when the user holds them all. */
    boolean tryOpen(String userId) {
        boolean[] taken = {false};
        open.compute(userId, (user, count) -> {
            int held = count == null ? 0 : count;
            if (held >= maxPerUser) {
                return count;
            }
            taken[0] = true;
            return held + 1;
        });
        return taken[0];
    }

    /** Gives back a place taken by {@link #tryOpen}. */
    void close(String userId) {
        open.computeIfPresent(userId, (user, count) -> count <= 1 ? null : count - 1);
    }

    int openBy(String userId) {
        return open.getOrDefault(userId, 0);
    }
}
