package io.tributary.bench.sse;

import java.util.function.Consumer;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Opens a job's SSE stream without holding a thread: Reactor Netty reads every viewer's socket on a few
 * event loops. Each viewer has a connection of its own (no pool), as each browser tab has.
 */
public final class SseViewer {

    private final HttpClient http = HttpClient.newConnection().keepAlive(false);

    /**
     * Watches a stream until the server ends it.
     *
     * @param url the stream, e.g. {@code http://localhost:8080/api/jobs/ID/stream}
     * @param token the viewer's bearer token; null for a server that takes none (the Durable Streams
     *     reference server)
     * @param lastEventId sent as {@code Last-Event-ID}: the viewer resumes after that event; null for a fresh
     *     attach, which the gateway opens with a snapshot of the job so far
     * @param onOpen told (with {@link System#nanoTime()}) when the 200 answer arrived, before any message
     * @param onEvent told of each message, on an event loop: it must not block
     * @return completes when the stream ends; fails with {@link StreamRefusedException} when the
     *     answer is not 200, or when the connection breaks
     */
    public Mono<Void> watch(String url, @Nullable String token, @Nullable String lastEventId, Consumer<Long> onOpen,
            Consumer<SseEvent> onEvent) {
        return http
                .headers(headers -> {
                    headers.set(HttpHeaderNames.ACCEPT, "text/event-stream");
                    if (token != null) {
                        headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token);
                    }
                    if (lastEventId != null) {
                        headers.set("Last-Event-ID", lastEventId);
                    }
                })
                .get()
                .uri(url)
                .response((response, body) -> {
                    if (!response.status().equals(HttpResponseStatus.OK)) {
                        return Mono.error(new StreamRefusedException(url, response.status().code()));
                    }
                    onOpen.accept(System.nanoTime());
                    SseDecoder decoder = new SseDecoder();
                    return body.asByteArray()
                            .doOnNext(bytes -> decoder.feed(bytes, System.nanoTime()).forEach(onEvent));
                })
                .then();
    }
}
