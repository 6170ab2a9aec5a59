package io.tributary.gateway.api;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Which events of a job a request of the events endpoint asks for: those with a seq above {@code after}
 * (all of them when absent), at most {@code limit} of them. A value that is not a whole number in range
 * is a 400 that names it.
 *
 * @param after the seq the events follow; -1 for the job's first event on
 * @param limit how many events at most
 */
record EventRange(long after, int limit) {

    /** A page's size when the request names none. */
    static final int DEFAULT_LIMIT = 1_000;
    /** The largest page: a page is read and held whole before it is answered. */
    static final int MAX_LIMIT = 10_000;

    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,18}");

    /** A page of the JSON answer. */
    static EventRange page(@Nullable String after, @Nullable String limit) {
        return new EventRange(after(after), limit(limit, DEFAULT_LIMIT));
    }

    /** The NDJSON stream: every event after {@code after} unless a limit is given. */
    static EventRange stream(@Nullable String after, @Nullable String limit) {
        return new EventRange(after(after), limit(limit, Integer.MAX_VALUE));
    }

    boolean includes(long seq) {
        return seq > after;
    }

    private static long after(@Nullable String value) {
        if (value == null) {
            return -1;
        }
        if (!NUMBER.matcher(value).matches()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "after must be a non-negative integer (a seq)");
        }
        return Long.parseLong(value);
    }

    private static int limit(@Nullable String value, int absent) {
        if (value == null) {
            return absent;
        }
        if (!NUMBER.matcher(value).matches() || value.length() > 6 || Integer.parseInt(value) < 1
                || Integer.parseInt(value) > MAX_LIMIT) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "limit must be an integer from 1 to " + MAX_LIMIT);
        }
        return Integer.parseInt(value);
    }
}
