package io.tributary.support.web;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

/** Writes an {@link ApiError} where no message converter runs (security filters). */
public final class JsonErrorWriter {

    private JsonErrorWriter() {
    }

    public static Mono<Void> write(ServerHttpResponse response, HttpStatus status, String message,
            Consumer<HttpHeaders> extraHeaders) {
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        extraHeaders.accept(response.getHeaders());
        byte[] body = ("{\"error\":\"" + escape(message) + "\"}").getBytes(StandardCharsets.UTF_8);
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }

    /** Messages here are constants of ours; escaping keeps the JSON valid should one ever hold a quote. */
    private static String escape(String message) {
        return message.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
