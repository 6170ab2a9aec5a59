package io.tributary.ingest.upstream;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the chat-completions stream comes from.
 *
 * @param baseUrl the OpenAI-compatible API root; requests go to {@code {baseUrl}/chat/completions}.
 *     Default {@code http://localhost:8090/v1}, the upstream simulator of the local runner; for
 *     OpenRouter {@code https://openrouter.ai/api/v1}
 * @param apiKey the server's key, sent as {@code Authorization: Bearer}; from the environment
 *     variable {@code TRIBUTARY_UPSTREAM_API_KEY}. Empty (the default) sends no key, which the simulator accepts
 * @param allowClientKey whether a caller's {@code x-or3-openrouter-key} header replaces the server's
 *     key (default false: callers use the server's key only)
 * @param connectTimeout how long to wait for a TCP connection to the upstream (default 10 s)
 * @param maxConnections the most upstream connections open at once; each running job holds one
 *     for its whole stream (default 500)
 */
@ConfigurationProperties("tributary.upstream")
public record UpstreamProperties(
        @DefaultValue("http://localhost:8090/v1") String baseUrl,
        @Nullable String apiKey,
        @DefaultValue("false") boolean allowClientKey,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("500") int maxConnections) {

    /** The chat-completions endpoint under the base URL. */
    public String chatCompletionsUrl() {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return base + "/chat/completions";
    }
}
