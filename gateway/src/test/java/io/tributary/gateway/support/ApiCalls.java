package io.tributary.gateway.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.tributary.gateway.support.SseClient.Response;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;

/** Real HTTP calls with any method and body, answering what {@link SseClient#get} answers. */
public final class ApiCalls {

    private final HttpClient http;

    public ApiCalls(int port) {
        this.http = HttpClient.create().port(port).host("localhost").responseTimeout(Duration.ofSeconds(20));
    }

    public Response get(String path, String token) {
        return call(HttpMethod.GET, path, token, null);
    }

    public Response post(String path, String token) {
        return call(HttpMethod.POST, path, token, null);
    }

    public Response delete(String path, String token) {
        return call(HttpMethod.DELETE, path, token, null);
    }

    /** A PUT of a JSON body (sent as is, valid or not); a null body sends none. */
    public Response putJson(String path, String token, @Nullable String body) {
        return call(HttpMethod.PUT, path, token, body);
    }

    /** Waits until the gateway's health is UP: every reader, the topic replicas included, has caught up. */
    public void awaitHealthy() {
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> http.get().uri("/actuator/health").responseSingle((response, body) ->
                        Mono.just(response.status().code())).block(Duration.ofSeconds(10)) == 200);
    }

    private Response call(HttpMethod method, String path, String token, @Nullable String body) {
        return http.headers(h -> {
                    h.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token);
                    if (body != null) {
                        h.set(HttpHeaderNames.CONTENT_TYPE, "application/json");
                    }
                })
                .request(method).uri(path)
                .send(body == null ? Mono.<ByteBuf>empty()
                        : ByteBufFlux.fromString(Mono.just(body), StandardCharsets.UTF_8, ByteBufAllocator.DEFAULT))
                .responseSingle((response, content) -> content.asString().defaultIfEmpty("")
                        .map(text -> new Response(response.status().code(),
                                String.valueOf(response.responseHeaders().get(HttpHeaderNames.CONTENT_TYPE)), text)))
                .block(Duration.ofSeconds(20));
    }
}
