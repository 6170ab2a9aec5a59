package io.tributary.support.security;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How users' bearer tokens are checked. Exactly one key source must be set: {@code jwtSecret},
 * {@code jwkSetUri} or {@code issuerUri}; a service refuses to start with none or several, so that no
 * deployment runs with a key source it did not choose.
 *
 * @param jwtSecret the HS256 secret that signs users' JWTs, at least 32 bytes (UTF-8); no default, so
 *     that a service never starts with a secret that is published in its own source
 * @param jwkSetUri the JWK set of an identity provider; tokens signed RS256 or ES256 with one of its keys
 * @param issuerUri an OpenID Connect issuer; its JWK set is found through its discovery document
 *     ({@code /.well-known/openid-configuration}) at the first token, and {@code iss} must equal it unless
 *     {@code issuer} says otherwise
 * @param issuer when set, the {@code iss} every token must carry
 * @param audience when set, a value the token's {@code aud} must contain, so that a token the identity
 *     provider issued for another service is refused here
 * @param clockSkew how far the clocks of the identity provider and this service may disagree when
 *     {@code exp} and {@code nbf} are checked
 */
@ConfigurationProperties("tributary.security")
public record TokenProperties(
        @Nullable String jwtSecret,
        @Nullable String jwkSetUri,
        @Nullable String issuerUri,
        @Nullable String issuer,
        @Nullable String audience,
        @DefaultValue("30s") Duration clockSkew) {

    static final int MIN_SECRET_BYTES = 32;
}
