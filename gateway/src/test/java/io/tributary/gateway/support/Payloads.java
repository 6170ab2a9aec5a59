package io.tributary.gateway.support;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.tributary.gateway.support.SseParser.Event;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads SSE payloads as the original's client does. */
public final class Payloads {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Payloads() {
    }

    public static JsonNode of(Event event) {
        return JSON.readTree(event.data().getBytes(StandardCharsets.UTF_8));
    }

    public static JsonNode json(String text) {
        return JSON.readTree(text.getBytes(StandardCharsets.UTF_8));
    }

    public static List<String> ids(List<Event> events) {
        return events.stream().map(Event::lastEventId).toList();
    }

    public static List<String> kinds(List<Event> events) {
        return events.stream().map(event -> of(event).path("event").asString()).toList();
    }

    /**
     * The content a client holds after these messages, starting from what it held before: a message
     * with {@code content} replaces it, one with {@code content_delta} appends to it.
     */
    public static String assemble(String before, List<Event> events) {
        String content = before;
        for (Event event : events) {
            JsonNode status = of(event).path("status");
            if (status.has("content")) {
                content = status.path("content").asString();
            } else if (status.has("content_delta")) {
                content += status.path("content_delta").asString();
            }
        }
        return content;
    }
}
