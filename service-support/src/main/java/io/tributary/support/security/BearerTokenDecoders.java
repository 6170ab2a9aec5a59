package io.tributary.support.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Builds the decoder of users' bearer tokens from the one key source configured.
 *
 * <p>Each source accepts only its own algorithms, which is what defeats algorithm confusion: with a
 * secret only HS256, so a token "signed" RS256 or with {@code alg: none} is refused; with a JWK set only
 * RS256 and ES256, so a token MACed with a public key taken from the JWK set is refused. The claims are
 * then checked here rather than by the identity provider's goodwill: {@code exp} is required (a token
 * that never expires could never be ended), {@code exp}/{@code nbf} with the configured skew against the
 * injected clock, a {@code sub} (the user), {@code iss} and {@code aud} when configured, and {@code typ}
 * when present.
 */
final class BearerTokenDecoders {

    /** Access tokens of OAuth 2 providers may be typed {@code at+jwt} (RFC 9068); others say {@code JWT} or nothing. */
    private static final String[] ACCEPTED_TYPES = {"JWT", "at+jwt"};

    private BearerTokenDecoders() {
    }

    static ReactiveJwtDecoder create(TokenProperties properties, Clock clock) {
        Map<String, String> sources = configuredSources(properties);
        if (sources.size() != 1) {
            throw new IllegalStateException("Configure exactly one key source for bearer tokens: "
                    + "tributary.security.jwt-secret (TRIBUTARY_SECURITY_JWT_SECRET, HS256, at least "
                    + TokenProperties.MIN_SECRET_BYTES + " bytes), tributary.security.jwk-set-uri (RS256/ES256) or "
                    + "tributary.security.issuer-uri (OpenID Connect discovery); "
                    + (sources.isEmpty() ? "none is set" : "found " + String.join(" and ", sources.keySet())));
        }
        String issuer = properties.issuer();
        NimbusReactiveJwtDecoder decoder;
        if (sources.containsKey("jwt-secret")) {
            decoder = NimbusReactiveJwtDecoder.withSecretKey(hmacKey(sources.get("jwt-secret")))
                    .macAlgorithm(MacAlgorithm.HS256)
                    .build();
        } else if (sources.containsKey("jwk-set-uri")) {
            decoder = NimbusReactiveJwtDecoder.withJwkSetUri(sources.get("jwk-set-uri"))
                    .jwsAlgorithm(SignatureAlgorithm.RS256)
                    .jwsAlgorithm(SignatureAlgorithm.ES256)
                    .build();
        } else {
            String issuerUri = sources.get("issuer-uri");
            decoder = NimbusReactiveJwtDecoder.withIssuerLocation(issuerUri)
                    .jwsAlgorithm(SignatureAlgorithm.RS256)
                    .jwsAlgorithm(SignatureAlgorithm.ES256)
                    .build();
            issuer = hasText(issuer) ? issuer : issuerUri;
        }
        decoder.setClaimSetConverter(MappedJwtClaimSetConverter.withDefaults(Map.of(JwtClaimNames.ISS, IssuerClaim::asText)));
        decoder.setJwtValidator(validator(properties, issuer, clock));
        return decoder;
    }

    private static OAuth2TokenValidator<Jwt> validator(TokenProperties properties, @Nullable String issuer, Clock clock) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.clockSkew());
        timestamps.setClock(clock);
        timestamps.setAllowEmptyExpiryClaim(false);
        validators.add(timestamps);
        // Every request acts for a user, so a token that names none is as bad as a forged one.
        validators.add(new JwtClaimValidator<String>(JwtClaimNames.SUB, subject -> subject != null && !subject.isBlank()));
        JwtTypeValidator types = new JwtTypeValidator(ACCEPTED_TYPES);
        types.setAllowEmpty(true);
        validators.add(types);
        if (hasText(issuer)) {
            validators.add(new JwtIssuerValidator(issuer));
        }
        String audience = properties.audience();
        if (hasText(audience)) {
            validators.add(new JwtAudienceValidator(audience));
        }
        return JwtValidators.createDefaultWithValidators(validators);
    }

    private static Map<String, String> configuredSources(TokenProperties properties) {
        Map<String, String> sources = new LinkedHashMap<>();
        putIfSet(sources, "jwt-secret", properties.jwtSecret());
        putIfSet(sources, "jwk-set-uri", properties.jwkSetUri());
        putIfSet(sources, "issuer-uri", properties.issuerUri());
        return sources;
    }

    private static void putIfSet(Map<String, String> sources, String name, @Nullable String value) {
        // Blank counts as unset: application.yml passes an unset TRIBUTARY_SECURITY_JWT_SECRET on as "".
        if (hasText(value)) {
            sources.put(name, value);
        }
    }

    private static SecretKeySpec hmacKey(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < TokenProperties.MIN_SECRET_BYTES) {
            throw new IllegalStateException("tributary.security.jwt-secret (TRIBUTARY_SECURITY_JWT_SECRET) must be "
                    + "at least " + TokenProperties.MIN_SECRET_BYTES + " bytes");
        }
        return new SecretKeySpec(bytes, "HmacSHA256");
    }

    private static boolean hasText(@Nullable String value) {
        return value != null && !value.isBlank();
    }
}
