package io.tributary.gateway.streams;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;

import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Responses written as raw bytes with the headers exactly as given: a stream's content type is echoed
 * as it was stored (no codec may parse it or add a charset), and SSE is flushed event by event.
 */
final class StreamResponses {

    private StreamResponses() {
    }

    static Mono<ServerResponse> bytes(int status, Consumer<HttpHeaders> headers, byte[] body) {
        return ServerResponse.status(HttpStatusCode.valueOf(status)).headers(headers)
                .build((exchange, context) -> body.length == 0 ? exchange.getResponse().setComplete()
                        : exchange.getResponse().writeWith(Mono.fromSupplier(
                                () -> exchange.getResponse().bufferFactory().wrap(body))));
    }

    static Mono<ServerResponse> empty(int status, Map<String, String> headers) {
        return ServerResponse.status(HttpStatusCode.valueOf(status)).headers(h -> headers.forEach(h::set))
                .build((exchange, context) -> exchange.getResponse().setComplete());
    }

    /** A refusal: {@code {"error": reason}}, with the protocol headers that go with it. */
    static Mono<ServerResponse> error(int status, String reason, Map<String, String> headers) {
        byte[] body = ("{\"error\":\"" + escape(reason) + "\"}").getBytes(StandardCharsets.UTF_8);
        return bytes(status, h -> {
            headers.forEach(h::set);
            h.set(HttpHeaders.CONTENT_TYPE, "application/json");
            h.set(HttpHeaders.CACHE_CONTROL, "no-store");
        }, body);
    }

    static Mono<ServerResponse> verdict(Verdict verdict) {
        return verdict.error() != null ? error(verdict.status(), verdict.error(), verdict.headers())
                : empty(verdict.status(), verdict.headers());
    }

    /** An event stream: each string one flush, so a reader sees each event when it is written. */
    static Mono<ServerResponse> events(Consumer<HttpHeaders> headers, Flux<String> events) {
        return ServerResponse.ok().headers(headers)
                .build((exchange, context) -> exchange.getResponse().writeAndFlushWith(events.map(event -> {
                    Publisher<DataBuffer> one = Mono.fromSupplier(() -> exchange.getResponse().bufferFactory()
                            .wrap(event.getBytes(StandardCharsets.UTF_8)));
                    return one;
                })));
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
