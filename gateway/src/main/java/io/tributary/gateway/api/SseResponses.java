package io.tributary.gateway.api;

import io.tributary.gateway.config.GatewayMetrics;
import io.tributary.gateway.timeline.Attachment;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.oauth2.jwt.Jwt;
import reactor.core.publisher.Mono;

/**
 * Answers a job stream request: the attachment's pre-rendered messages as SSE ({@link SseWriter}; their
 * bytes are shared with the job's other viewers), counted as an open viewer; a 204 when the viewer
 * already holds the job's terminal event.
 */
final class SseResponses {

    private final SseWriter writer;
    private final GatewayMetrics metrics;

    SseResponses(SseWriter writer, GatewayMetrics metrics) {
        this.writer = writer;
        this.metrics = metrics;
    }

    Mono<Void> write(ServerHttpResponse response, Attachment attachment, Jwt token) {
        if (attachment instanceof Attachment.Stream stream) {
            return writer.write(response, stream.messages(), token, metrics::countViewer);
        }
        response.setStatusCode(HttpStatus.NO_CONTENT);
        return response.setComplete();
    }
}
