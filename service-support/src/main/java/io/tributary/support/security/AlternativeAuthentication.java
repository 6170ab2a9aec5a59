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
 * bearer token; an {@link org.springframework.security.core.Authentication} it grants should carry a
 * {@link org.springframework.security.oauth2.jwt.Jwt} principal whose subject is the user (see
 * {@link Users#of}), so that controllers need not know which way a request came in.
 */
public interface AlternativeAuthentication {

    /** The requests this authenticates. Match only requests that carry this credential, or they lose the bearer header. */
    ServerWebExchangeMatcher requests();

    /** Reads the credential of a matching request; an empty result leaves the request unauthenticated (401). */
    ServerAuthenticationConverter credentials();

    /** Checks a credential that {@link #credentials()} read. */
    ReactiveAuthenticationManager authenticationManager();
}
