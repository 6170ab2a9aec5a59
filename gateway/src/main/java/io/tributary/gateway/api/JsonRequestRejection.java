package io.tributary.gateway.api;

import io.tributary.support.web.JsonErrorWriter;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Answers a request that Spring Security's firewall refuses (an encoded slash, backslash, dot or NUL in
 * the path, a semicolon, a line separator, a header with control characters) with the API's JSON 400
 * instead of the firewall's empty one. The message says what kind of mistake it is, never what the
 * request held: the refused part may be an attack string, and logs and answers must not carry it.
 */
final class JsonRequestRejection implements ServerExchangeRejectedHandler {

    static final String MALFORMED = "The request's path or headers hold characters that are not allowed";

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejected) {
        return JsonErrorWriter.write(exchange.getResponse(), HttpStatus.BAD_REQUEST, MALFORMED, headers -> { });
    }
}
