package io.tributary.gateway.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A listing by time (jobs by when they started, access records by when they were written): the window
 * {@code [from, to)} (ISO-8601 instants; {@code to} defaults to now), how many items a page holds at
 * most, and where the previous page stopped. The cursor
 * is opaque to clients: it names the window it belongs to and each partition's position, so a cursor
 * of another window is refused rather than giving wrong pages. Anything malformed is a 400 that says what.
 *
 * @param from the window's start, included
 * @param to the window's end, excluded
 * @param limit the most items on a page
 * @param resumeAt where the previous page stopped, by partition; null for the first page
 */
record TimeWindow(Instant from, Instant to, int limit, @Nullable Map<Integer, Long> resumeAt) {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    static TimeWindow parse(@Nullable String from, @Nullable String to, @Nullable String limit,
            @Nullable String cursor, Instant now) {
        Instant start = instant("from", from);
        if (start == null) {
            throw badRequest("from is required with to (an ISO-8601 instant such as 2026-12-07T10:00:00Z)");
        }
        String[] resumed = cursor == null ? null : cursorParts(cursor);
        // A later page without to goes on in the first page's window: its "now" is in the cursor.
        Instant end = to != null ? instant("to", to)
                : resumed != null ? Instant.ofEpochMilli(Long.parseLong(resumed[1])) : now;
        if (!end.isAfter(start)) {
            throw badRequest("to must be after from");
        }
        int pageSize = limit(limit);
        Map<Integer, Long> positions = resumed == null ? null : positions(resumed, start, end);
        return new TimeWindow(start, end, pageSize, positions);
    }

    /** The cursor of the page after one that stopped at these positions. */
    String cursorAt(Map<Integer, Long> stopped) {
        StringBuilder text = new StringBuilder().append(from.toEpochMilli()).append(';').append(to.toEpochMilli());
        new TreeMap<>(stopped).forEach((partition, offset) -> text.append(';').append(partition).append(':').append(offset));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** An ISO-8601 instant within what Kafka record times can be; null when absent; a 400 when malformed. */
    static @Nullable Instant instant(String name, @Nullable String value) {
        if (value == null) {
            return null;
        }
        Instant instant;
        try {
            instant = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw badRequest(name + " must be an ISO-8601 instant such as 2026-12-07T10:00:00Z");
        }
        // Kafka's record times are milliseconds since 1970; nothing lies outside these bounds.
        if (instant.isBefore(Instant.EPOCH) || instant.isAfter(LATEST)) {
            throw badRequest(name + " must lie between 1970 and 9999");
        }
        return instant;
    }

    private static int limit(@Nullable String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        if (!value.matches("[0-9]{1,4}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > MAX_LIMIT) {
            throw badRequest("limit must be an integer from 1 to " + MAX_LIMIT);
        }
        return Integer.parseInt(value);
    }

    private static String[] cursorParts(String cursor) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(";");
        } catch (IllegalArgumentException e) {
            throw badRequest("cursor is not one this API gave");
        }
        if (parts.length < 2 || !parts[0].matches("[0-9]{1,15}") || !parts[1].matches("[0-9]{1,15}")) {
            throw badRequest("cursor is not one this API gave");
        }
        return parts;
    }

    private static Map<Integer, Long> positions(String[] parts, Instant from, Instant to) {
        if (!parts[0].equals(Long.toString(from.toEpochMilli())) || !parts[1].equals(Long.toString(to.toEpochMilli()))) {
            throw badRequest("cursor is not one of this window (give the same from and to as the first page)");
        }
        Map<Integer, Long> positions = new LinkedHashMap<>();
        for (int i = 2; i < parts.length; i++) {
            String[] position = parts[i].split(":");
            if (position.length != 2 || !position[0].matches("[0-9]{1,6}") || !position[1].matches("[0-9]{1,18}")) {
                throw badRequest("cursor is not one this API gave");
            }
            positions.put(Integer.parseInt(position[0]), Long.parseLong(position[1]));
        }
        return positions;
    }

    private static ResponseStatusException badRequest(String message) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, message);
    }
}
