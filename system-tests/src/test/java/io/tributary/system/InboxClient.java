package io.tributary.system;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/** One user's notification inbox on one gateway, over real HTTP: what the chat application's bell does. */
final class InboxClient {

    private final GatewayProcess gateway;
    private final BearerHttp http;

    InboxClient(GatewayProcess gateway, BearerHttp http) {
        this.gateway = gateway;
        this.http = http;
    }

    /** {@code GET /api/notifications}: the first page, newest first. */
    JsonNode list() throws IOException, InterruptedException {
        return json(http.get(url("/api/notifications")), 200);
    }

    /** {@code GET /api/notifications?limit=&before=}. */
    JsonNode page(int limit, @Nullable String before) throws IOException, InterruptedException {
        String query = "?limit=" + limit + (before == null ? "" : "&before=" + URLEncoder.encode(before, StandardCharsets.UTF_8));
        return json(http.get(url("/api/notifications" + query)), 200);
    }

    /** {@code GET /api/notifications} with a raw query string, for the tests of bad input. */
    HttpResponse<String> listWithQuery(String query) throws IOException, InterruptedException {
        return http.get(url("/api/notifications?" + query));
    }

    long unreadCount() throws IOException, InterruptedException {
        return json(http.get(url("/api/notifications/unread-count")), 200).path("unreadCount").asLong();
    }

    HttpResponse<String> markRead(String notificationId) throws IOException, InterruptedException {
        return http.post(url("/api/notifications/" + URLEncoder.encode(notificationId, StandardCharsets.UTF_8) + "/read"));
    }

    HttpResponse<String> markAllRead() throws IOException, InterruptedException {
        return http.post(url("/api/notifications/read-all"));
    }

    HttpResponse<String> clear() throws IOException, InterruptedException {
        return http.delete(url("/api/notifications"));
    }

    /** {@code POST /api/notifications/stream-token}: a short-lived token that opens the feed from a browser. */
    HttpResponse<String> streamToken() throws IOException, InterruptedException {
        return http.post(url("/api/notifications/stream-token"));
    }

    /** {@code GET /api/notifications/stream}, resuming after {@code lastEventId} when given. */
    SseClient feed(@Nullable String lastEventId) throws IOException, InterruptedException {
        return SseClient.open(URI.create(url("/api/notifications/stream")), http.token(), lastEventId);
    }

    /** The notification ids of a list answer, in its order. */
    static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.path("notifications").forEach(item -> ids.add(item.path("id").asString()));
        return ids;
    }

    /** The item of a list answer with this id, or a missing node. */
    static JsonNode item(JsonNode list, String notificationId) {
        for (JsonNode item : list.path("notifications")) {
            if (notificationId.equals(item.path("id").asString())) {
                return item;
            }
        }
        return MissingNode.getInstance();
    }

    /**
     * A value of the API as text (a cursor, an event id, a time), whether it is sent as a JSON string
     * or a number; null when it is absent or null.
     */
    static @Nullable String text(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        return node.isString() ? node.asString() : node.toString();
    }

    private String url(String path) {
        return gateway.url() + path;
    }

    private static JsonNode json(HttpResponse<String> response, int expectedStatus) {
        if (response.statusCode() != expectedStatus) {
            throw new AssertionError(response.request().method() + " " + response.uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return TributaryClient.JSON.readTree(response.body());
    }
}
