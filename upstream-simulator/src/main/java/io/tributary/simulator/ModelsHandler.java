package io.tributary.simulator;

import java.time.Clock;

import io.netty.handler.codec.http.HttpResponseStatus;
import org.reactivestreams.Publisher;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /v1/models}: the one model the simulator advertises. Requests for any other model are
 * served all the same, so that a client configured for a real model works against the simulator.
 */
final class ModelsHandler {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String body;

    ModelsHandler(Clock clock) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode model = root.putArray("data").addObject();
        model.put("id", ChatRequest.DEFAULT_MODEL);
        model.put("object", "model");
        model.put("name", "Tributary upstream simulator");
        model.put("created", clock.instant().getEpochSecond());
        model.put("owned_by", "tributary");
        this.body = JSON.writeValueAsString(root);
    }

    Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        return JsonResponses.send(response, HttpResponseStatus.OK, body);
    }
}
