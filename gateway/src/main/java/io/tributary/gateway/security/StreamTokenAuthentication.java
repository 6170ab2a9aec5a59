package io.tributary.gateway.security;

import java.util.List;

import io.tributary.support.security.AlternativeAuthentication;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Authenticates {@code GET /api/jobs/{id}/stream} and {@code GET /api/notifications/stream} that carry a
 * {@code stream_token} query parameter with that token alone, for the stream it names and nothing else.
 * The request's principal is then the token's {@link org.springframework.security.oauth2.jwt.Jwt}: its
 * subject is the user and its {@code exp} ends the stream, exactly like a bearer token's.
 */
final class StreamTokenAuthentication implements AlternativeAuthentication {

    private static final PathPattern JOB_STREAM = PathPatternParser.defaultInstance.parse("/api/jobs/{id}/stream");
    private static final PathPattern NOTIFICATION_STREAM = PathPatternParser.defaultInstance.parse("/api/notifications/stream");

    private final StreamTokens tokens;

    StreamTokenAuthentication(StreamTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public ServerWebExchangeMatcher requests() {
        return exchange -> {
            ServerHttpRequest request = exchange.getRequest();
            boolean carriesStreamToken = request.getMethod() == HttpMethod.GET
                    && request.getQueryParams().containsKey(StreamTokens.QUERY_PARAMETER)
                    && requestedStream(request) != null;
            return carriesStreamToken ? MatchResult.match() : MatchResult.notMatch();
        };
    }

    @Override
    public ServerAuthenticationConverter credentials() {
        return exchange -> {
            ServerHttpRequest request = exchange.getRequest();
            List<String> presented = request.getQueryParams().getOrDefault(StreamTokens.QUERY_PARAMETER, List.of());
            StreamScope requested = requestedStream(request);
            if (presented.size() != 1 || requested == null) {
                return Mono.error(new BadCredentialsException("Exactly one stream token is required"));
            }
            return Mono.just(new StreamTokenCredential(presented.get(0), requested));
        };
    }

    @Override
    public ReactiveAuthenticationManager authenticationManager() {
        return authentication -> {
            StreamTokenCredential credential = (StreamTokenCredential) authentication;
            return tokens.verify(credential.token(), credential.requested())
                    .<Authentication>map(jwt -> new JwtAuthenticationToken(jwt, AuthorityUtils.NO_AUTHORITIES))
                    .onErrorMap(JwtException.class, e -> new InvalidBearerTokenException("Invalid stream token"));
        };
    }

    private static @Nullable StreamScope requestedStream(ServerHttpRequest request) {
        PathContainer path = request.getPath().pathWithinApplication();
        PathPattern.PathMatchInfo job = JOB_STREAM.matchAndExtract(path);
        if (job != null) {
            return new StreamScope.Job(job.getUriVariables().get("id"));
        }
        return NOTIFICATION_STREAM.matches(path) ? new StreamScope.Notifications() : null;
    }
}
