package io.tributary.gateway.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/** Reads a user's inbox through the API of one gateway, as a client would. */
public final class InboxViews {

    private final ApiCalls api;

    public InboxViews(ApiCalls api) {
        this.api = api;
    }

    /** The first page (limit 200) of the inbox list. */
    public JsonNode list(String token) {
        SseClient.Response response = api.get("/api/notifications?limit=200", token);
        if (response.status() != 200) {
            throw new AssertionError("List answered " + response.status() + ": " + response.body());
        }
        return Payloads.json(response.body());
    }

    /** The event ids of the first page, newest first. */
    public List<String> eventIds(String token) {
        List<String> ids = new ArrayList<>();
        list(token).path("notifications").forEach(item -> ids.add(item.path("eventId").asString()));
        return ids;
    }

    /** The listed item with this event id, or a missing node. */
    public JsonNode item(String token, String eventId) {
        for (JsonNode item : list(token).path("notifications")) {
            if (eventId.equals(item.path("eventId").asString())) {
                return item;
            }
        }
        return MissingNode.getInstance();
    }

    public int unreadCount(String token) {
        return Payloads.json(api.get("/api/notifications/unread-count", token).body()).path("unreadCount").asInt(-1);
    }

    /** Waits until the gateway lists exactly these event ids, newest first (it reads the topics asynchronously). */
    public void awaitEventIds(String token, List<String> newestFirst) {
        await().atMost(Duration.ofSeconds(10)).until(() -> eventIds(token).equals(newestFirst));
    }
}
