package io.tributary.local;

import java.time.Duration;

/**
 * How long to wait before starting a child again: doubling from {@code initial} up to {@code max} while
 * it keeps dying, and from {@code initial} again once it had stayed up for {@code stableAfter}, so that
 * a crash after hours of service is restarted at once but a crash loop does not spin.
 */
record RestartBackoff(Duration initial, Duration max, Duration stableAfter) {

    static final RestartBackoff DEFAULT = new RestartBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30),
            Duration.ofMinutes(1));

    /**
     * @param failures how many times in a row the child died before it had been up {@code stableAfter}
     *     (the first death is 1)
     */
    Duration delay(int failures) {
        Duration delay = initial;
        for (int i = 1; i < failures && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
