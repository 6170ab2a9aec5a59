package io.tributary.gateway.api;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * How fast a replay goes: {@code recorded} (as the events were recorded), {@code Nx} (N times as fast,
 * N from 0.1 to 1,000, e.g. {@code 2x} or {@code 0.5x}) or {@code max} (no waiting at all). Anything
 * else is a 400 that lists what is allowed.
 *
 * @param speed how many times faster than recorded; infinite for {@code max}
 */
record ReplayPace(double speed) {

    private static final Pattern FACTOR = Pattern.compile("([0-9]{1,4}(?:\\.[0-9]{1,3})?)x");
    private static final double MIN_SPEED = 0.1;
    private static final double MAX_SPEED = 1_000;

    static ReplayPace parse(String value) {
        if (value.equals("recorded")) {
            return new ReplayPace(1);
        }
        if (value.equals("max")) {
            return new ReplayPace(Double.POSITIVE_INFINITY);
        }
        Matcher factor = FACTOR.matcher(value);
        if (factor.matches()) {
            double speed = Double.parseDouble(factor.group(1));
            if (speed >= MIN_SPEED && speed <= MAX_SPEED) {
                return new ReplayPace(speed);
            }
        }
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                "replay must be recorded, max, or a speed such as 2x (from 0.1x to 1000x)");
    }

    /** When a message recorded {@code at} after the first is due, after the replay's start. */
    Duration due(Duration at) {
        return Double.isInfinite(speed) ? Duration.ZERO : Duration.ofNanos((long) (at.toNanos() / speed));
    }
}
