package io.tributary.ingest.api;

import java.util.ArrayList;
import java.util.List;

import io.tributary.ingest.job.JobSpec;
import io.tributary.schema.JobMode;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A checked {@code POST /api/openrouter/stream} body. Only what Tributary reads is checked; every
 * other field goes upstream untouched, so a new OpenRouter option needs no change here.
 *
 * @param upstreamBody the body for the upstream: Tributary's {@code _} fields removed,
 *     {@code stream: true} forced
 * @param background whether {@code _background} is true
 * @param threadId {@code _threadId}, present in background mode
 * @param messageId {@code _messageId}, present in background mode
 * @param model the requested model
 */
record StreamRequest(ObjectNode upstreamBody, boolean background, @Nullable String threadId,
        @Nullable String messageId, @Nullable String model) {

    /** Checks a parsed body; a mistake is a 400 that names it. */
    static StreamRequest from(JsonNode body) {
        if (!(body instanceof ObjectNode object)) {
            throw badRequest("The body must be a JSON object");
        }
        JsonNode messages = object.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw badRequest("messages must be a non-empty array");
        }
        for (JsonNode message : messages) {
            if (!message.isObject()) {
                throw badRequest("Every entry of messages must be an object");
            }
        }
        String model = optionalString(object, "model");
        requireBooleanIfPresent(object, "stream");
        boolean background = requireBooleanIfPresent(object, "_background");
        String threadId = optionalString(object, "_threadId");
        String messageId = optionalString(object, "_messageId");
        if (background) {
            requireNonBlank("_threadId", threadId);
            requireNonBlank("_messageId", messageId);
        }
        return new StreamRequest(upstreamBody(object), background, threadId, messageId, model);
    }

    /** The job this request starts, owned by the user. */
    /** @param traceparent the request's W3C {@code traceparent}, already checked, or null */
    JobSpec spec(String userId, JobMode mode, @Nullable String traceparent) {
        return new JobSpec(userId, threadId, messageId, model, mode, traceparent);
    }

    private static ObjectNode upstreamBody(ObjectNode body) {
        ObjectNode upstream = body.deepCopy();
        List<String> own = new ArrayList<>();
        upstream.propertyNames().forEach(name -> {
            if (name.startsWith("_")) {
                own.add(name);
            }
        });
        upstream.remove(own);
        upstream.put("stream", true);
        return upstream;
    }

    private static @Nullable String optionalString(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw badRequest(field + " must be a string");
        }
        return node.stringValue();
    }

    private static boolean requireBooleanIfPresent(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw badRequest(field + " must be a boolean");
        }
        return node.booleanValue();
    }

    private static void requireNonBlank(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw badRequest(field + " is required in background mode");
        }
    }

    private static ResponseStatusException badRequest(String message) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, message);
    }
}
