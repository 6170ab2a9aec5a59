package io.tributary.support.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Paths a request may use without a token: none by default. Meant for Durable Streams that are public
 * by design, or for running the protocol's conformance suite (which sends no token), e.g.
 * {@code tributary.security.anonymous-paths=/v1/stream/public/**}. Only paths under {@code /v1/} may be
 * opened; the job API under {@code /api/} always needs a token. A request that does send a token is
 * still checked, and a bad one is still a 401.
 *
 * @param anonymousPaths Spring path patterns, each starting with {@code /v1/}
 */
@ConfigurationProperties("tributary.security")
public record AnonymousAccessProperties(@DefaultValue List<String> anonymousPaths) {

    public AnonymousAccessProperties {
        for (String path : anonymousPaths) {
            if (!path.startsWith("/v1/")) {
                throw new IllegalArgumentException(
                        "tributary.security.anonymous-paths may only open paths under /v1/, not " + path);
            }
        }
    }
}
