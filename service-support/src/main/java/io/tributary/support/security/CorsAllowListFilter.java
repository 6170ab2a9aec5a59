package io.tributary.support.security;

import java.time.Duration;
import java.util.List;

import io.tributary.support.web.JsonErrorWriter;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsProcessor;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * CORS for the origins of {@link CorsProperties}, ahead of authentication (a preflight carries no token).
 * Spring's processor decides; this filter only makes its refusals JSON {@code {"error"}} like every other
 * error, and refuses every preflight when no origin is allowed (Spring's own filter would answer those 200).
 *
 * <p>Cross-origin callers send bearer tokens in a header, never cookies, so credentials stay off and a
 * page of an allowed origin still cannot ride on a user's ambient session.
 */
final class CorsAllowListFilter implements WebFilter {

    static final List<String> ALLOWED_METHODS = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS");
    static final List<String> ALLOWED_HEADERS = List.of("Authorization", "Content-Type", "Last-Event-ID",
            "x-or3-openrouter-key", "If-None-Match", "Stream-Seq", "Stream-TTL", "Stream-Expires-At", "Stream-Closed",
            "Stream-Forked-From", "Stream-Fork-Offset", "Stream-Fork-Sub-Offset", "Producer-Id", "Producer-Epoch",
            "Producer-Seq");
    /** Durable Streams' answers carry their offsets and state in headers a page must be able to read. */
    static final List<String> EXPOSED_HEADERS = List.of("X-Tributary-Job-Id", "Retry-After", "Location", "ETag",
            "Stream-Next-Offset", "Stream-Cursor", "Stream-Up-To-Date", "Stream-Closed", "Stream-TTL",
            "Stream-Expires-At", "Producer-Epoch", "Producer-Seq", "Producer-Expected-Seq", "Producer-Received-Seq",
            "stream-sse-data-encoding");
    private static final Duration PREFLIGHT_CACHE = Duration.ofMinutes(30);

    private final @Nullable CorsConfiguration configuration;
    private final CorsProcessor processor = new DefaultCorsProcessor();

    private CorsAllowListFilter(@Nullable CorsConfiguration configuration) {
        this.configuration = configuration;
    }

    static CorsAllowListFilter of(CorsProperties properties) {
        if (properties.allowedOrigins().isEmpty()) {
            return new CorsAllowListFilter(null);
        }
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(properties.allowedOrigins());
        configuration.setAllowedMethods(ALLOWED_METHODS);
        configuration.setAllowedHeaders(ALLOWED_HEADERS);
        configuration.setExposedHeaders(EXPOSED_HEADERS);
        configuration.setAllowCredentials(false);
        configuration.setMaxAge(PREFLIGHT_CACHE);
        return new CorsAllowListFilter(configuration);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!CorsUtils.isCorsRequest(exchange.getRequest())) {
            return chain.filter(exchange);
        }
        boolean preflight = CorsUtils.isPreFlightRequest(exchange.getRequest());
        if (configuration == null) {
            // Without an allow-list a cross-origin request gets no CORS header, so the browser hides the answer.
            return preflight ? refuse(exchange) : chain.filter(exchange);
        }
        if (!processor.process(configuration, exchange)) {
            return refuse(exchange);
        }
        return preflight ? exchange.getResponse().setComplete() : chain.filter(exchange);
    }

    private static Mono<Void> refuse(ServerWebExchange exchange) {
        return JsonErrorWriter.write(exchange.getResponse(), HttpStatus.FORBIDDEN, "Cross-origin request refused",
                headers -> { });
    }
}
