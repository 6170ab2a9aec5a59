package io.tributary.gateway.api;

import java.util.regex.Pattern;

import io.tributary.gateway.timeline.Cursor;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Reads a stream's cursor from a request. Precedence: the {@code Last-Event-ID} header (what an
 * {@code EventSource} sends when it reconnects, while its URL still carries the first attach's
 * {@code offset}), then the {@code lastEventId} or {@code last_event_id} query parameter, then the
 * original's {@code offset}. Every value given must be a non-negative integer, or the request is a 400;
 * an empty header counts as absent, as browsers send none when they have no id.
 */
final class Cursors {

    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,18}");

    private Cursors() {
    }

    static Cursor parse(@Nullable String lastEventIdHeader, @Nullable String lastEventId,
            @Nullable String lastEventIdSnake, @Nullable String offset) {
        String header = lastEventIdHeader == null || lastEventIdHeader.isBlank() ? null : lastEventIdHeader.trim();
        Long headerId = number("Last-Event-ID", header);
        Long queryId = number("lastEventId", lastEventId);
        Long snakeId = number("last_event_id", lastEventIdSnake);
        Long characters = number("offset", offset);
        if (headerId != null) {
            return new Cursor.AfterEvent(headerId);
        }
        if (queryId != null) {
            return new Cursor.AfterEvent(queryId);
        }
        if (snakeId != null) {
            return new Cursor.AfterEvent(snakeId);
        }
        if (characters != null) {
            return new Cursor.FromOffset(characters);
        }
        return new Cursor.Fresh();
    }

    /** A character offset, or -1 for none. */
    static long offset(@Nullable String offset) {
        Long value = number("offset", offset);
        return value == null ? -1 : value;
    }

    private static @Nullable Long number(String name, @Nullable String value) {
        if (value == null) {
            return null;
        }
        if (!NUMBER.matcher(value).matches()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, name + " must be a non-negative integer");
        }
        return Long.parseLong(value);
    }
}
