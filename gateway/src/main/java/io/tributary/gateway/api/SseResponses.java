package io.tributary.gateway.api;

import java.time.Duration;

import io.tributary.gateway.config.GatewayMetrics;
import io.tributary.gateway.sse.JobMessages;
import io.tributary.gateway.timeline.Attachment;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Writes a job's SSE stream: a {@code retry:} hint, the pre-rendered messages (their bytes are shared
 * with the job's other viewers, wrapped without copying), and a {@code : ping} comment at every
 * interval. Each message is flushed as written. Netty asks for the next message only when the socket
 * takes it, which is what fills a slow viewer's buffer; a closed socket cancels the whole chain at once.
 */
final class SseResponses {

    /** Marks the end of the messages, so that the endless pings stop with them. */
    private static final byte[] END = new byte[0];

    private final Duration pingInterval;
    private final byte[] retry;
    private final GatewayMetrics metrics;

    SseResponses(Duration pingInterval, Duration retryHint, GatewayMetrics metrics) {
        this.pingInterval = pingInterval;
        this.retry = JobMessages.retry(retryHint);
        this.metrics = metrics;
    }

    Mono<Void> write(ServerHttpResponse response, Attachment attachment) {
        if (attachment instanceof Attachment.Stream stream) {
            return writeStream(response, stream.messages());
        }
        response.setStatusCode(HttpStatus.NO_CONTENT);
        return response.setComplete();
    }

    private Mono<Void> writeStream(ServerHttpResponse response, Flux<byte[]> messages) {
        response.getHeaders().setContentType(MediaType.TEXT_EVENT_STREAM);
        response.getHeaders().setCacheControl(CacheControl.noCache().getHeaderValue());
        // Tells nginx-style proxies not to buffer the stream.
        response.getHeaders().set("X-Accel-Buffering", "no");
        Flux<byte[]> pings = Flux.interval(pingInterval).onBackpressureDrop().map(tick -> JobMessages.ping());
        Flux<byte[]> body = Flux.concat(
                Flux.just(retry),
                Flux.merge(messages.concatWith(Flux.just(END)), pings).takeWhile(bytes -> bytes != END));
        return response.writeAndFlushWith(metrics.countViewer(body)
                .map(bytes -> Mono.just(response.bufferFactory().wrap(bytes))));
    }
}
