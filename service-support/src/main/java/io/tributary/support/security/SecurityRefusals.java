package io.tributary.support.security;

import io.tributary.support.web.JsonErrorWriter;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;

/**
 * The answers of the security filters, JSON like every other error of Tributary. A refused token gets one
 * generic message whatever was wrong with it: the reason would help an attacker probe keys and clocks more
 * than it helps a client, whose only remedy is a new token either way, and no message ever repeats the
 * token.
 */
final class SecurityRefusals {

    static final String UNAUTHORIZED = "A valid bearer token is required";

    private SecurityRefusals() {
    }

    static ServerAuthenticationEntryPoint unauthorized() {
        return (exchange, e) -> JsonErrorWriter.write(exchange.getResponse(), HttpStatus.UNAUTHORIZED, UNAUTHORIZED,
                headers -> headers.set("WWW-Authenticate", "Bearer"));
    }

    static ServerAccessDeniedHandler forbidden() {
        return (exchange, e) -> JsonErrorWriter.write(exchange.getResponse(), HttpStatus.FORBIDDEN, "Forbidden",
                headers -> { });
    }
}
