package io.tributary.support.security;

import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;

/**
 * A second way to authenticate selected requests, for what a bearer header cannot serve: a browser's
 * {@code EventSource} sends no headers, so the gateway authenticates its SSE streams with a short-lived
 * token in the URL instead. A service offers one by declaring a bean of this type; the shared filter chain
 * picks it up.
 *
 * <p>A request that {@link #requests()} matches is authenticated by this alone: its bearer header is not
 * read, so neither credential can ever stand in for the other. Every other request is authenticated by the
 * bearer header alone. Whatever the {@link #authenticationManager()} refuses is the same JSON 401 as a bad
 * bearer token. What it grants must be an authenticated
 * {@link org.springframework.security.core.Authentication} whose principal is a
 * {@link org.springframework.security.oauth2.jwt.Jwt} with the user as subject and the credential's expiry
 * as {@code exp} (a {@code JwtAuthenticationToken} built with authorities), so that controllers need not
 * know which way a request came in ({@link Users#of}) and an open stream ends when its credential does.
 */
public interface AlternativeAuthentication {

    /** The requests this authenticates. Match only requests that carry this credential, or they lose the bearer header. */
    ServerWebExchangeMatcher requests();

    /** Reads the credential of a matching request; an empty result leaves the request unauthenticated (401). */
    ServerAuthenticationConverter credentials();

    /** Checks a credential that {@link #credentials()} read. */
    ReactiveAuthenticationManager authenticationManager();
}
