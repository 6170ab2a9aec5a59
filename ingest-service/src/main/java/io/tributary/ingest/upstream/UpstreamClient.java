package io.tributary.ingest.upstream;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts a chat-completions request upstream and hands back the answer as it comes: the status and
 * content type first, then the body bytes untouched (no decompression, no decoding), so that a
 * foreground caller can get them byte for byte and the job can parse them.
 *
 * <p>The one exception: every upstream key of the request (the server's, and the caller's
 * {@code x-or3-openrouter-key}, used or not) is replaced with {@value KeyRedactor#REDACTED} in all
 * the upstream sends back (body, error body, the headers passed on), so that an upstream echoing a
 * key never hands it to a caller, a job's readers or the logs.
 */
public final class UpstreamClient {

    /** How much of an error body passes through to a caller or into a job's error, as the original API did. */
    public static final int ERROR_BODY_MAX_CHARS = 2_000;

    /** The most of an error body read to find OpenRouter's {@code error.message}; the rest is not read. */
    private static final int ERROR_BODY_MAX_BYTES = 64 * 1024;

    private final WebClient webClient;
    private final UpstreamProperties properties;
    private final JsonMapper json;

    public UpstreamClient(WebClient webClient, UpstreamProperties properties, JsonMapper json) {
        this.webClient = webClient;
        this.properties = properties;
        this.json = json;
    }

    /**
     * Sends the request. The Mono emits once the upstream's status line and headers are in, and
     * fails with {@link UpstreamUnreachableException} when no answer could be had. Each subscription
     * sends the request again.
     */
    public Mono<UpstreamResponse> open(UpstreamRequest request) {
        byte[] body = json.writeValueAsBytes(request.body());
        String key = keyFor(request);
        KeyRedactor redactor = KeyRedactor.of(properties.apiKey(), request.clientKey());
        return Mono.defer(() -> webClient.post()
                .uri(properties.chatCompletionsUrl())
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .headers(headers -> {
                    if (key != null) {
                        headers.setBearerAuth(key);
                    }
                })
                .bodyValue(body)
                .retrieve()
                // A refusal is an answer to pass on, not an exception.
                .onStatus(HttpStatusCode::isError, response -> Mono.empty())
                .toEntityFlux(DataBuffer.class)
                .flatMap(entity -> toResponse(entity, redactor))
                .onErrorMap(WebClientRequestException.class,
                        e -> new UpstreamUnreachableException("The upstream is unreachable: " + e.getMessage(), e)));
    }

    private @Nullable String keyFor(UpstreamRequest request) {
        String clientKey = request.clientKey();
        if (properties.allowClientKey() && clientKey != null && !clientKey.isBlank()) {
            return clientKey.strip();
        }
        String serverKey = properties.apiKey();
        return serverKey == null || serverKey.isBlank() ? null : serverKey.strip();
    }

    private Mono<UpstreamResponse> toResponse(ResponseEntity<Flux<DataBuffer>> entity, KeyRedactor redactor) {
        int status = entity.getStatusCode().value();
        String contentType = redact(redactor, entity.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE));
        Flux<DataBuffer> body = entity.getBody() == null ? Flux.empty() : entity.getBody();
        if (status < 400) {
            return Mono.just(new UpstreamResponse.Streaming(status, contentType,
                    redacted(body.map(UpstreamClient::drain), redactor)));
        }
        String retryAfter = redact(redactor, entity.getHeaders().getFirst(HttpHeaders.RETRY_AFTER));
        return DataBufferUtils.join(DataBufferUtils.takeUntilByteCount(body, ERROR_BODY_MAX_BYTES))
                .map(buffer -> new String(drain(buffer), StandardCharsets.UTF_8))
                .defaultIfEmpty("")
                // Before the cut, which could otherwise leave the first half of a key behind.
                .map(redactor::redact)
                .map(text -> rejected(status, contentType, text, retryAfter, redactor));
    }

    /** The body with the keys replaced, however they are cut across the body's pieces. */
    private static Flux<byte[]> redacted(Flux<byte[]> body, KeyRedactor redactor) {
        if (redactor.isEmpty()) {
            return body;
        }
        return Flux.defer(() -> {
            KeyRedactor.ByteStream stream = redactor.stream();
            return body.map(stream::next)
                    .concatWith(Mono.fromSupplier(stream::end))
                    .filter(bytes -> bytes.length > 0);
        });
    }

    private static @Nullable String redact(KeyRedactor redactor, @Nullable String text) {
        return text == null ? null : redactor.redact(text);
    }

    private UpstreamResponse.Rejected rejected(int status, @Nullable String contentType, String text,
            @Nullable String retryAfter, KeyRedactor redactor) {
        String cut = cut(text, ERROR_BODY_MAX_CHARS);
        String message = cut.isBlank() ? "The upstream answered HTTP " + status : cut;
        String code = null;
        try {
            JsonNode root = json.readTree(text);
            JsonNode error = root == null ? null : root.get("error");
            if (error != null && error.isObject()) {
                JsonNode errorMessage = error.get("message");
                if (errorMessage != null && errorMessage.isString() && !errorMessage.stringValue().isBlank()) {
                    // Decoded, a key written with JSON escapes ("\/") is literal again.
                    message = cut(redactor.redact(errorMessage.stringValue()), ERROR_BODY_MAX_CHARS);
                }
                JsonNode errorCode = error.get("code");
                if (errorCode != null && (errorCode.isString() || errorCode.isNumber())) {
                    code = redactor.redact(errorCode.asString());
                }
            }
        } catch (JacksonException | IllegalArgumentException e) {
            // Not OpenRouter's JSON error (an HTML page from a proxy, say): the body is the message.
        }
        return new UpstreamResponse.Rejected(status, contentType, cut, message, code, retryAfter);
    }

    /** Copies a buffer out and releases it, so no pooled memory outlives the moment it arrived. */
    private static byte[] drain(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    /** The first {@code max} characters, never ending inside a surrogate pair. */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }
}
