package io.tributary.gateway.api;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * The page the inbox list asks for: {@code limit} from 1 to {@value #MAX_LIMIT} (default
 * {@value #DEFAULT_LIMIT}), and {@code before}, an event id: only notifications strictly older.
 * Anything else is a 400.
 */
record InboxPaging(int limit, @Nullable Long before) {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,18}");

    static InboxPaging parse(@Nullable String limit, @Nullable String before) {
        return new InboxPaging(limit(limit), before(before));
    }

    private static int limit(@Nullable String limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (!NUMBER.matcher(limit).matches() || Long.parseLong(limit) < 1 || Long.parseLong(limit) > MAX_LIMIT) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "limit must be an integer from 1 to " + MAX_LIMIT);
        }
        return Integer.parseInt(limit);
    }

    private static @Nullable Long before(@Nullable String before) {
        if (before == null) {
            return null;
        }
        if (!NUMBER.matcher(before).matches()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "before must be an event id (a non-negative integer)");
        }
        return Long.parseLong(before);
    }
}
