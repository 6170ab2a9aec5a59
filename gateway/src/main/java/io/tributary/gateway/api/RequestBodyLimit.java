package io.tributary.gateway.api;

import java.util.concurrent.atomic.AtomicLong;

import io.tributary.support.web.JsonErrorWriter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses request bodies over {@value #MAX_BYTES} bytes with a 413 {@code {"error": ...}}; the gateway's
 * largest legitimate body ({@code {"muted": true}}) is a few bytes. A declared {@code Content-Length}
 * over the limit is refused before anything else runs, authentication included, and before a byte of
 * the body is read. A body without one (chunked) is counted as it is read, and reading stops with a
 * {@link DataBufferLimitException} at the first byte over, which the error advice answers with the same
 * 413; a codec's {@code maxInMemorySize} alone would not do, as its error reaches the client as a 500
 * or a generic 400 depending on where it is hit. Runs first, so nothing reads an unchecked body.
 */
final class RequestBodyLimit implements WebFilter, Ordered {

    static final int MAX_BYTES = 16 * 1024;
    private static final String DURABLE_STREAMS = "/v1/stream/";
    private static final long MALFORMED = -2;
    /** The error advice's words for the same refusal, so that both paths answer alike. */
    static final String TOO_LARGE = "Request body is too large";

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getPath().value().startsWith(DURABLE_STREAMS)) {
            // Appends to Durable Streams are data, not settings: their handler enforces a limit of its own.
            return chain.filter(exchange);
        }
        long declared = declaredLength(exchange.getRequest().getHeaders());
        if (declared == MALFORMED) {
            return JsonErrorWriter.write(exchange.getResponse(), HttpStatus.BAD_REQUEST, "Malformed Content-Length",
                    headers -> { });
        }
        if (declared > MAX_BYTES) {
            return JsonErrorWriter.write(exchange.getResponse(), HttpStatus.CONTENT_TOO_LARGE, TOO_LARGE, headers -> { });
        }
        return chain.filter(exchange.mutate().request(new Counted(exchange.getRequest())).build());
    }

    /**
     * The declared length; -1 if none, {@link #MALFORMED} if not a number (Netty normally refuses such a
     * request before it gets here; this keeps a parse error from becoming a 500 should one pass).
     */
    private static long declaredLength(HttpHeaders headers) {
        String value = headers.getFirst(HttpHeaders.CONTENT_LENGTH);
        if (value == null) {
            return -1;
        }
        try {
            long length = Long.parseLong(value.trim());
            return length < 0 ? MALFORMED : length;
        } catch (NumberFormatException e) {
            return MALFORMED;
        }
    }

    /** The request with its body counted as it is read. */
    private static final class Counted extends ServerHttpRequestDecorator {

        Counted(ServerHttpRequest delegate) {
            super(delegate);
        }

        @Override
        public Flux<DataBuffer> getBody() {
            return Flux.defer(() -> {
                AtomicLong read = new AtomicLong();
                return super.getBody().handle((buffer, sink) -> {
                    if (read.addAndGet(buffer.readableByteCount()) > MAX_BYTES) {
                        DataBufferUtils.release(buffer);
                        sink.error(new DataBufferLimitException(TOO_LARGE));
                    } else {
                        sink.next(buffer);
                    }
                });
            });
        }
    }
}
