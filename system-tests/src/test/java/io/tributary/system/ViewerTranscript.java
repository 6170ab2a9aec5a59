package io.tributary.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * What one viewer saw of a job, across one or more connections: checks the SSE contract as it goes
 * (ids dense and increasing, snapshot only first on a fresh attach, content lengths consistent) and
 * rebuilds the content the way a client does.
 */
final class ViewerTranscript {

    private final StringBuilder content = new StringBuilder();
    private final List<Long> ids = new ArrayList<>();
    private JsonNode terminal;

    /** Adds the messages of one connection, in the order they arrived. */
    ViewerTranscript add(List<SseMessage> messages) {
        for (SseMessage message : messages) {
            assertThat(terminal).as("nothing follows the terminal status").isNull();
            assertThat(message.event()).as("messages are unnamed, for EventSource.onmessage").isEqualTo("message");
            JsonNode payload = TributaryClient.JSON.readTree(message.data());
            long id = Long.parseLong(message.id());
            if (!ids.isEmpty()) {
                assertThat(id).as("the id after %s", ids.get(ids.size() - 1)).isEqualTo(ids.get(ids.size() - 1) + 1);
            }
            ids.add(id);
            apply(payload.path("event").asString(), payload.path("status"));
        }
        return this;
    }

    private void apply(String event, JsonNode status) {
        switch (event) {
            case "snapshot" -> {
                assertThat(ids).as("a snapshot comes only first").hasSize(1);
                content.setLength(0);
                content.append(status.path("content").asString());
            }
            case "delta" -> {
                content.append(status.path("content_delta").asString(""));
                assertThat(status.path("content_length").asLong()).as("content_length after id %s", ids.get(ids.size() - 1))
                        .isEqualTo(content.length());
            }
            case "status" -> {
                terminal = status;
                assertThat(status.path("content").asString()).as("the terminal status carries the full content")
                        .isEqualTo(content.toString());
            }
            default -> throw new AssertionError("Unknown event " + event);
        }
    }

    String content() {
        return content.toString();
    }

    long lastId() {
        return ids.get(ids.size() - 1);
    }

    List<Long> ids() {
        return List.copyOf(ids);
    }

    JsonNode terminal() {
        assertThat(terminal).as("the stream ended with a terminal status").isNotNull();
        return terminal;
    }
}
