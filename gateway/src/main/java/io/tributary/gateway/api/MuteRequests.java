package io.tributary.gateway.api;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.JsonNode;

/**
 * Reads the body of {@code PUT /api/threads/{threadId}/mute}: a JSON object whose {@code muted} is a
 * JSON boolean. Strict on purpose: {@code "false"} as a string or {@code 0} would be read as true or
 * false by lenient coercion, and a client that sends them has a bug worth a 400.
 */
final class MuteRequests {

    private MuteRequests() {
    }

    static boolean muted(@Nullable JsonNode body) {
        JsonNode muted = body == null || !body.isObject() ? null : body.get("muted");
        if (muted == null || !muted.isBoolean()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "The body must be a JSON object {\"muted\": true|false}");
        }
        return muted.booleanValue();
    }
}
