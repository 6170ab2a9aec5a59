package io.tributary.gateway.api;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.accept.RequestedContentTypeResolver;
import org.springframework.web.reactive.accept.RequestedContentTypeResolverBuilder;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.server.ServerWebExchange;

/**
 * Every negotiated answer under {@code /api/} is JSON, whatever the {@code Accept} header asks for. The
 * API has nothing else to offer, and negotiating would go wrong for errors: an {@code EventSource}
 * (which sends {@code Accept: text/event-stream}) would get its 400 or 404 framed as an SSE
 * {@code data:} line, and a browser page ({@code text/html}) a 406 rendered as HTML instead of the
 * error it caused. SSE streams are not negotiated (they are written as such), so they are unaffected;
 * Actuator's endpoints, outside {@code /api/}, negotiate as usual (Prometheus text or OpenMetrics).
 */
final class JsonOnlyAnswers implements WebFluxConfigurer {

    private static final List<MediaType> JSON = List.of(MediaType.APPLICATION_JSON);

    @Override
    public void configureContentTypeResolver(RequestedContentTypeResolverBuilder builder) {
        builder.resolver(JsonOnlyAnswers::jsonUnderApi);
        builder.headerResolver();
    }

    /** JSON for the API; "no opinion" elsewhere, which hands over to the Accept header. */
    private static List<MediaType> jsonUnderApi(ServerWebExchange exchange) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        return path.startsWith("/api/") ? JSON : RequestedContentTypeResolver.MEDIA_TYPE_ALL_LIST;
    }
}
