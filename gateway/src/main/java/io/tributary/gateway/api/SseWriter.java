package io.tributary.gateway.api;

import java.time.Duration;
import java.util.function.UnaryOperator;

import io.tributary.gateway.sse.JobMessages;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.oauth2.jwt.Jwt;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Writes an SSE response, the same way for a job's stream and a notification feed: a {@code retry:}
 * hint, the messages (their bytes wrapped without copying), a
 * {@code : ping} comment at every interval so that proxies keep an idle stream open and a dead socket is
 * noticed, and the end of the stream when the messages end or when the authorizing token expires
 * ({@link TokenExpiry}), whichever comes first. Netty asks for the next message only when the socket
 * takes it, which is what fills a slow viewer's buffer; a closed socket cancels the whole chain at once.
 *
 * <p>Messages are written without a flush each: Reactor Netty flushes when the messages ready now are
 * written, so a live message still leaves at once, while a replay of many messages (a resume, a
 * snapshot and its bridge) goes out in a few socket writes instead of one flush and write per message,
 * which under a storm of resumes kept the event loops busy with one replay while others queued.
 */
final class SseWriter {

    /** Marks the end of the stream, so that the endless pings and the expiry timer stop with it. */
    private static final byte[] END = new byte[0];

    private final Duration pingInterval;
    private final byte[] retry;
    private final TokenExpiry expiry;

    SseWriter(Duration pingInterval, Duration retryHint, TokenExpiry expiry) {
        this.pingInterval = pingInterval;
        this.retry = JobMessages.retry(retryHint);
        this.expiry = expiry;
    }

    /**
     * @param meter wraps the body, e.g. to count the stream as open from subscription to its end
     */
    Mono<Void> write(ServerHttpResponse response, Flux<byte[]> messages, Jwt token,
            UnaryOperator<Flux<byte[]>> meter) {
        response.getHeaders().setContentType(MediaType.TEXT_EVENT_STREAM);
        response.getHeaders().setCacheControl(CacheControl.noCache().getHeaderValue());
        // Tells nginx-style proxies not to buffer the stream.
        response.getHeaders().set("X-Accel-Buffering", "no");
        Flux<byte[]> pings = Flux.interval(pingInterval).onBackpressureDrop().map(tick -> JobMessages.ping());
        Flux<byte[]> body = Flux.concat(
                Flux.just(retry),
                Flux.merge(messages.concatWith(Flux.just(END)), pings, expiry.of(token).concatWith(Flux.just(END)))
                        .takeWhile(bytes -> bytes != END));
        return response.writeWith(meter.apply(body).map(bytes -> response.bufferFactory().wrap(bytes)));
    }
}
