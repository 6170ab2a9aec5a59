package io.tributary.gateway.support;

import java.time.Duration;
import java.util.Map;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.tributary.gateway.support.SseClient.Response;
import io.tributary.gateway.support.SseClient.UnexpectedStatus;
import io.tributary.gateway.support.SseParser.Event;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * A real HTTP client that sends no {@code Authorization} header unless told to, as a browser's
 * {@code EventSource} does: whatever authorizes its requests is in the URL.
 */
public final class UrlAuthorizedClient {

    private final HttpClient http;

    public UrlAuthorizedClient(int port) {
        this.http = HttpClient.create(ConnectionProvider.newConnection()).port(port).host("localhost")
                .responseTimeout(Duration.ofSeconds(20));
    }

    /** The dispatched events of an SSE stream; a refusal is an {@link UnexpectedStatus}. */
    public Flux<Event> events(String pathAndQuery) {
        return Flux.defer(() -> {
            SseParser parser = new SseParser();
            return http.headers(h -> h.set(HttpHeaderNames.ACCEPT, "text/event-stream"))
                    .get().uri(pathAndQuery)
                    .response((response, body) -> response.status().code() == 200
                            ? body.asByteArray().concatMapIterable(parser::feed)
                            : body.aggregate().asString().defaultIfEmpty("")
                                    .flatMap(text -> Mono.<SseParser.Item>error(
                                            new UnexpectedStatus(response.status().code(), text))));
        }).ofType(Event.class);
    }

    /** A request that is expected to be answered at once (a refusal, a JSON answer); headers as given. */
    public Response call(HttpMethod method, String pathAndQuery, Map<String, String> headers) {
        return http.headers(h -> headers.forEach(h::set))
                .request(method).uri(pathAndQuery)
                .responseSingle((response, body) -> body.asString().defaultIfEmpty("")
                        .map(text -> new Response(response.status().code(),
                                String.valueOf(response.responseHeaders().get(HttpHeaderNames.CONTENT_TYPE)), text)))
                .block(Duration.ofSeconds(20));
    }

    public Response get(String pathAndQuery) {
        return call(HttpMethod.GET, pathAndQuery, Map.of("Accept", "text/event-stream"));
    }
}
