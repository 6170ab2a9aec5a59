package io.tributary.gateway.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import io.tributary.schema.UsageWindow;
import io.tributary.schema.UsageWindowKind;
import io.tributary.schema.usage.UsageWindowSizes;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * What {@code GET /api/usage} asks for: the windows of one size ({@code minute}, {@code hour},
 * {@code day}) that start in {@code [from, to)}, for one model or all, of one user or (an auditor's
 * {@code user=*}) everyone. {@code from} and {@code to} are widened to the window size's boundaries, so
 * a window that holds {@code from} is included. At most {@value #MAX_WINDOWS} windows per request, so
 * that no request reads without bound. Anything malformed is a 400 that says what.
 *
 * @param user the user asked for, or null for every user
 */
record UsageQuery(UsageWindowKind kind, Instant from, Instant to, @Nullable String model, @Nullable String user) {

    static final int MAX_WINDOWS = 1_500;
    /** What {@code user=} takes for every user, for auditors. */
    static final String EVERYONE = "*";

    static UsageQuery parse(@Nullable String window, @Nullable String from, @Nullable String to,
            @Nullable String model, @Nullable String user, String caller, Instant now) {
        UsageWindowKind kind = kind(window);
        Instant start = TimeWindow.instant("from", from);
        if (start == null) {
            throw badRequest("from is required (an ISO-8601 instant such as 2026-12-07T10:00:00Z)");
        }
        Instant end = to == null ? now : TimeWindow.instant("to", to);
        if (end == null || !end.isAfter(start)) {
            throw badRequest("to must be after from");
        }
        Instant alignedFrom = UsageWindowSizes.start(kind, start);
        Instant alignedTo = UsageWindowSizes.startAtOrAfter(kind, end);
        if (Duration.between(alignedFrom, alignedTo).dividedBy(UsageWindowSizes.size(kind)) > MAX_WINDOWS) {
            throw badRequest("at most " + MAX_WINDOWS + " windows per request: ask for a shorter range or a larger window");
        }
        if (model != null && (model.isBlank() || model.length() > 256)) {
            throw badRequest("model must be a model name of at most 256 characters");
        }
        String who = user == null ? caller : EVERYONE.equals(user) ? null : PathIds.user(user);
        return new UsageQuery(kind, alignedFrom, alignedTo, model, who);
    }

    /** Whether a window record of the right size and start is for the user and model asked for. */
    boolean includes(UsageWindow record) {
        return (user == null || user.equals(record.getUserId().toString()))
                && (model == null || model.equals(record.getModel().toString()));
    }

    private static UsageWindowKind kind(@Nullable String window) {
        if (window == null) {
            return UsageWindowKind.HOUR;
        }
        return switch (window.toLowerCase(Locale.ROOT)) {
            case "minute" -> UsageWindowKind.MINUTE;
            case "hour" -> UsageWindowKind.HOUR;
            case "day" -> UsageWindowKind.DAY;
            default -> throw badRequest("window must be minute, hour or day");
        };
    }

    private static ResponseStatusException badRequest(String message) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, message);
    }
}
