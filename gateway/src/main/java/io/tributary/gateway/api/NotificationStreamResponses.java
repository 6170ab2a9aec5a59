package io.tributary.gateway.api;

import java.time.Duration;

import io.tributary.gateway.config.NotificationMetrics;
import io.tributary.gateway.inbox.InboxItem;
import io.tributary.gateway.sse.JobMessages;
import io.tributary.gateway.sse.NotificationMessages;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Writes a notification feed as SSE, like the job stream: a {@code retry:} hint, each item flushed as
 * written, and a {@code : ping} comment at every interval so that proxies keep an idle feed open and a
 * dead socket is noticed. Netty asks for the next item only when the socket takes it, which is what
 * fills a slow subscriber's buffer; a closed socket cancels the chain and frees the subscription.
 */
final class NotificationStreamResponses {

    /** Marks the end of the items, so that the endless pings stop with them. */
    private static final byte[] END = new byte[0];

    private final Duration pingInterval;
    private final byte[] retry;
    private final NotificationMessages messages;
    private final NotificationMetrics metrics;

    NotificationStreamResponses(Duration pingInterval, Duration retryHint, NotificationMessages messages,
            NotificationMetrics metrics) {
        this.pingInterval = pingInterval;
        this.retry = JobMessages.retry(retryHint);
        this.messages = messages;
        this.metrics = metrics;
    }

    Mono<Void> write(ServerHttpResponse response, Flux<InboxItem> items) {
        response.getHeaders().setContentType(MediaType.TEXT_EVENT_STREAM);
        response.getHeaders().setCacheControl(CacheControl.noCache().getHeaderValue());
        // Tells nginx-style proxies not to buffer the stream.
        response.getHeaders().set("X-Accel-Buffering", "no");
        Flux<byte[]> pings = Flux.interval(pingInterval).onBackpressureDrop().map(tick -> JobMessages.ping());
        Flux<byte[]> body = Flux.concat(
                Flux.just(retry),
                Flux.merge(items.map(messages::event).concatWith(Flux.just(END)), pings)
                        .takeWhile(bytes -> bytes != END));
        return response.writeAndFlushWith(metrics.countStream(body)
                .map(bytes -> Mono.just(response.bufferFactory().wrap(bytes))));
    }
}
