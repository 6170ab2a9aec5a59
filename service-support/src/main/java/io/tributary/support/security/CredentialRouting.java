package io.tributary.support.security;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.ReactiveAuthenticationManagerResolver;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Decides for each request which credential authenticates it: the first {@link AlternativeAuthentication}
 * whose requests match, otherwise the bearer header. The converter and the manager resolver make the same
 * decision, so a credential is always checked by the manager of its own kind.
 *
 * <p>The bearer header is the only place a user's token is read: Spring's converter is left with query
 * parameters off, so an {@code access_token} in a URL (where proxies, browser history and access logs keep
 * it) authenticates nothing.
 */
final class CredentialRouting {

    private static final Logger log = LoggerFactory.getLogger(CredentialRouting.class);

    private final List<AlternativeAuthentication> alternatives;
    private final ServerAuthenticationConverter bearerHeader = new ServerBearerTokenAuthenticationConverter();
    private final ReactiveAuthenticationManager bearerTokens;

    CredentialRouting(List<AlternativeAuthentication> alternatives, ReactiveJwtDecoder decoder) {
        this.alternatives = List.copyOf(alternatives);
        this.bearerTokens = unavailableWhileKeysAre(new JwtReactiveAuthenticationManager(decoder));
    }

    ServerAuthenticationConverter converter() {
        return exchange -> alternativeFor(exchange).flatMap(alternative -> alternative
                .map(chosen -> chosen.credentials().convert(exchange))
                .orElseGet(() -> bearerHeader.convert(exchange)));
    }

    ReactiveAuthenticationManagerResolver<ServerWebExchange> managers() {
        return exchange -> alternativeFor(exchange).map(alternative -> alternative
                .map(CredentialRouting::refusingWithAuthenticationErrors)
                .orElse(bearerTokens));
    }

    private Mono<Optional<AlternativeAuthentication>> alternativeFor(ServerWebExchange exchange) {
        return Flux.fromIterable(alternatives)
                .concatMap(alternative -> alternative.requests().matches(exchange)
                        .filter(MatchResult::isMatch)
                        .map(match -> alternative))
                .next()
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty());
    }

    /**
     * A token that cannot be checked because the key source (the JWK set, the issuer's discovery) does
     * not answer is the service's trouble, not the caller's: a 503 JSON the caller may retry, instead of
     * the 500 Spring Security makes of an {@link AuthenticationServiceException} or a 401 that would
     * send a client with a good token to log in again.
     */
    private static ReactiveAuthenticationManager unavailableWhileKeysAre(ReactiveAuthenticationManager manager) {
        return authentication -> manager.authenticate(authentication)
                .onErrorMap(CredentialRouting::couldNotCheck, error -> {
                    log.warn("A bearer token could not be checked: {}", error.toString());
                    return new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "Tokens cannot be checked right now");
                });
    }

    /**
     * A refusal of the token itself is an {@link AuthenticationException} (a 401); anything else means the
     * check did not happen: Spring's {@link AuthenticationServiceException}, or Nimbus' "could not obtain the
     * keys" when the JWK set does not answer.
     */
    private static boolean couldNotCheck(Throwable error) {
        return error instanceof AuthenticationServiceException || !(error instanceof AuthenticationException);
    }

    /**
     * Only an {@link AuthenticationException} becomes the JSON 401; anything else an alternative lets out
     * would be a 500 for what is, after all, a credential that did not check out. (An alternative that
     * means a 500, because something it depends on is down, says so with an
     * {@link org.springframework.security.authentication.AuthenticationServiceException}.)
     */
    private static ReactiveAuthenticationManager refusingWithAuthenticationErrors(AlternativeAuthentication alternative) {
        ReactiveAuthenticationManager manager = alternative.authenticationManager();
        return authentication -> Mono.defer(() -> manager.authenticate(authentication))
                .onErrorMap(error -> !(error instanceof AuthenticationException),
                        error -> new BadCredentialsException("The credential could not be checked", error));
    }
}
