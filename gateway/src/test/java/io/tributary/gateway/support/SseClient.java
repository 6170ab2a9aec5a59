package io.tributary.gateway.support;

import java.time.Duration;
import java.util.Map;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.tributary.gateway.support.SseParser.Event;
import io.tributary.gateway.support.SseParser.Item;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/** A real HTTP client of the gateway that reads the raw bytes of SSE streams and parses them itself. */
public final class SseClient {

    /** A non-stream answer. */
    public record Response(int status, String contentType, String body) {
    }

    /** An SSE stream answered with something other than 200. */
    public static final class UnexpectedStatus extends RuntimeException {
        private final int status;

        UnexpectedStatus(int status, String body) {
            super("HTTP " + status + ": " + body);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final HttpClient http;

    public SseClient(int port) {
        // A connection per request, as browsers hold one per EventSource: a pool would queue streams.
        this.http = HttpClient.create(ConnectionProvider.newConnection()).port(port).host("localhost")
                .responseTimeout(Duration.ofSeconds(20));
    }

    /** Everything the stream says, comments and retry hints included; the flux ends when the server closes it. */
    public Flux<Item> items(String path, String token, Map<String, String> headers) {
        return Flux.defer(() -> {
            SseParser parser = new SseParser();
            return http.headers(h -> {
                        h.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token);
                        h.set(HttpHeaderNames.ACCEPT, "text/event-stream");
                        headers.forEach(h::set);
                    })
                    .get().uri(path)
                    .response((response, body) -> response.status().code() == 200
                            ? body.asByteArray().concatMapIterable(parser::feed)
                            : body.aggregate().asString().defaultIfEmpty("")
                                    .flatMap(text -> Mono.<Item>error(new UnexpectedStatus(response.status().code(), text))));
        });
    }

    /** The dispatched events of the stream, as {@code EventSource.onmessage} would get them. */
    public Flux<Event> events(String path, String token, Map<String, String> headers) {
        return items(path, token, headers).ofType(Event.class);
    }

    public Flux<Event> events(String path, String token) {
        return events(path, token, Map.of());
    }

    /** A plain GET; a null token sends no Authorization header. */
    public Response get(String path, @Nullable String token, Map<String, String> headers) {
        return http.headers(h -> {
                    if (token != null) {
                        h.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token);
                    }
                    headers.forEach(h::set);
                })
                .get().uri(path)
                .responseSingle((response, body) -> body.asString().defaultIfEmpty("")
                        .map(text -> new Response(response.status().code(),
                                String.valueOf(response.responseHeaders().get(HttpHeaderNames.CONTENT_TYPE)), text)))
                .block(Duration.ofSeconds(20));
    }

    public Response get(String path, @Nullable String token) {
        return get(path, token, Map.of());
    }

    /** A POST without a body; a null token sends no Authorization header. */
    public Response post(String path, @Nullable String token) {
        return http.headers(h -> {
                    if (token != null) {
                        h.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token);
                    }
                })
                .post().uri(path)
                .responseSingle((response, body) -> body.asString().defaultIfEmpty("")
                        .map(text -> new Response(response.status().code(),
                                String.valueOf(response.responseHeaders().get(HttpHeaderNames.CONTENT_TYPE)), text)))
                .block(Duration.ofSeconds(20));
    }
}
