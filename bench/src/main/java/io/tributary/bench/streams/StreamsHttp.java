package io.tributary.bench.streams;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The writes of the protocol as the bench sends them: create ({@code PUT}), append ({@code POST}) and
 * delete ({@code DELETE}) of {@code text/plain} streams, without holding a thread, over a pool of kept-alive
 * connections sized so that no append waits for one (each stream has at most one append in flight). Bodies
 * are sent whole with a {@code Content-Length}, as a browser's {@code fetch} of a string sends them.
 */
final class StreamsHttp implements AutoCloseable {

    static final String CONTENT_TYPE = "text/plain";

    /**
     * Shorter than the reference server's keep-alive (node's 5 s): a connection idle for longer is not
     * reused, so no append is sent on a connection the server is closing.
     */
    private static final Duration MAX_IDLE = Duration.ofSeconds(3);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private final ConnectionProvider pool;
    private final HttpClient client;
    private final HttpClient textClient;

    /**
     * @param connections the most requests in flight at once
     * @param token sent as a bearer token with every request; null for none
     */
    StreamsHttp(int connections, @Nullable String token) {
        pool = ConnectionProvider.builder("bench-streams")
                .maxConnections(connections)
                .pendingAcquireMaxCount(-1)
                .maxIdleTime(MAX_IDLE)
                .build();
        client = HttpClient.create(pool)
                .responseTimeout(ANSWER_TIMEOUT)
                .headers(headers -> {
                    if (token != null) {
                        headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token);
                    }
                });
        textClient = client.headers(headers -> headers.set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE));
    }

    /** Creates a {@code text/plain} stream: 201, or 200 if it exists alike. */
    Mono<Answer> create(String url) {
        return answer(textClient.put().uri(url).send(body("")));
    }

    /** Appends text: 204. */
    Mono<Answer> append(String url, String text) {
        return answer(textClient.post().uri(url).send(body(text)));
    }

    Mono<Answer> delete(String url) {
        return answer(client.delete().uri(url));
    }

    /** A Mono, not a Flux: Reactor Netty then sends a {@code Content-Length} instead of chunks. */
    private static Mono<ByteBuf> body(String text) {
        return Mono.fromCallable(() -> Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static Mono<Answer> answer(HttpClient.ResponseReceiver<?> request) {
        return request.responseSingle((response, content) -> content.asString(StandardCharsets.UTF_8)
                .defaultIfEmpty("")
                .map(text -> new Answer(response.status().code(), text)));
    }

    @Override
    public void close() {
        pool.dispose();
    }

    /**
     * A server's answer.
     *
     * @param status the HTTP status
     * @param body its text, empty for none
     */
    record Answer(int status, String body) {

        boolean isSuccess() {
            return status >= 200 && status < 300;
        }

        @Override
        public String toString() {
            String text = body.strip();
            return status + (text.isEmpty() ? "" : " " + (text.length() > 200 ? text.substring(0, 200) + "…" : text));
        }
    }
}
