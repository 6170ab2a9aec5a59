package io.tributary.support.security;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.server.ResponseStatusException;

/** The user a request acts for: the bearer token's subject, the same rule in every service. */
public final class Users {

    private Users() {
    }

    /** The token's {@code sub}; a token without one is refused like a missing token (401). */
    public static String of(@Nullable Jwt token) {
        String subject = token == null ? null : token.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "The bearer token names no user (sub)");
        }
        return subject;
    }
}
