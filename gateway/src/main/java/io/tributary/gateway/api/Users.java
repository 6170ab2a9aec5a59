package io.tributary.gateway.api;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.server.ResponseStatusException;

/** The user a request acts for: the bearer token's subject. */
final class Users {

    private Users() {
    }

    static String of(Jwt token) {
        String subject = token.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "The bearer token names no user (sub)");
        }
        return subject;
    }
}
