package io.tributary.gateway.api;

import io.tributary.gateway.config.NotificationMetrics;
import io.tributary.gateway.inbox.InboxItem;
import io.tributary.gateway.sse.NotificationMessages;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.oauth2.jwt.Jwt;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Writes a notification feed as SSE, like the job stream ({@link SseWriter}): each item as a
 * {@code notification} event, counted as an open feed. A closed socket cancels the chain and frees the
 * inbox subscription.
 */
final class NotificationStreamResponses {

    private final SseWriter writer;
    private final NotificationMessages messages;
    private final NotificationMetrics metrics;

    NotificationStreamResponses(SseWriter writer, NotificationMessages messages, NotificationMetrics metrics) {
        this.writer = writer;
        this.messages = messages;
        this.metrics = metrics;
    }

    Mono<Void> write(ServerHttpResponse response, Flux<InboxItem> items, Jwt token) {
        return writer.write(response, items.map(messages::event), token, metrics::countStream);
    }
}
