package io.tributary.ingest.upstream;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

/** How the upstream answered: a stream to read, or a refusal before any streaming. */
public sealed interface UpstreamResponse {

    int status();

    /** The upstream's {@code Content-Type} header exactly as sent, or null when it sent none. */
    @Nullable String contentType();

    /**
     * The upstream accepted the request (a status below 400).
     *
     * @param body the response body as it arrives; subscribe once; cancelling it closes the connection
     */
    record Streaming(int status, @Nullable String contentType, Flux<byte[]> body) implements UpstreamResponse {
    }

    /**
     * The upstream refused the request (status 400 or more) before streaming anything.
     *
     * @param body the response body, cut to {@link UpstreamClient#ERROR_BODY_MAX_CHARS} characters
     * @param message OpenRouter's {@code error.message}, or the cut body when there is none
     * @param code OpenRouter's {@code error.code}, when present
     * @param retryAfter the upstream's {@code Retry-After} header exactly as sent, when present
     */
    record Rejected(int status, @Nullable String contentType, String body, String message, @Nullable String code,
            @Nullable String retryAfter) implements UpstreamResponse {
    }
}
