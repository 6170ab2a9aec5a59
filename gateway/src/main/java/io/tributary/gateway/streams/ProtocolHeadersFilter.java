package io.tributary.gateway.streams;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Headers every Durable Streams answer carries, refusals included: {@code nosniff}, so that a browser
 * never runs a stream's bytes as something else, and {@code Cross-Origin-Resource-Policy}, so that a
 * page of another origin may embed what CORS already lets it read. Runs before security, so a 401 has
 * them too.
 */
final class ProtocolHeadersFilter implements WebFilter, Ordered {

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getPath().value().startsWith(StreamRequests.PREFIX)) {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Cross-Origin-Resource-Policy", "cross-origin");
        }
        return chain.filter(exchange);
    }
}
