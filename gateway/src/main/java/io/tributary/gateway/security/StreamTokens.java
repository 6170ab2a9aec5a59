package io.tributary.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Issues and checks stream tokens: JWTs signed HS256 with the gateway's stream-token secret, with
 * {@code aud} {@value #AUDIENCE}, {@code sub} the user, {@code scope} the one stream they open
 * ({@link StreamScope#claim()}) and a short {@code exp}.
 *
 * <p>The audience and the separate secret keep the two kinds of token apart both ways: a stream token
 * does not verify as a user's bearer token (other key), and a user's bearer token does not verify as a
 * stream token (other key, no such audience, no scope).
 */
public final class StreamTokens {

    public static final String AUDIENCE = "tributary-stream";
    /** The query parameter that carries a stream token; the only place one is accepted. */
    public static final String QUERY_PARAMETER = "stream_token";
    static final String SCOPE_CLAIM = "scope";
    private static final JOSEObjectType TYPE = new JOSEObjectType("tributary-stream+jwt");

    private final MACSigner signer;
    private final NimbusReactiveJwtDecoder decoder;
    private final Duration ttl;
    private final Clock clock;

    /**
     * @param secret at least 32 bytes
     * @param ttl how long a token opens its stream
     * @param clockSkew how far the clocks of the gateways that issue and check a token may disagree
     */
    public StreamTokens(byte[] secret, Duration ttl, Duration clockSkew, Clock clock) {
        try {
            this.signer = new MACSigner(secret);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("Unusable stream-token secret: " + e.getMessage(), e);
        }
        this.decoder = NimbusReactiveJwtDecoder.withSecretKey(new SecretKeySpec(secret, "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        this.decoder.setJwtValidator(validator(clockSkew, clock));
        this.ttl = ttl;
        this.clock = clock;
    }

    /**
     * A token that opens the stream for the user.
     *
     * @param notAfter the expiry of the credential the token is issued against: a stream token never
     *     outlives the bearer token that obtained it
     */
    public IssuedStreamToken issue(String userId, StreamScope scope, @Nullable Instant notAfter) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(ttl);
        if (notAfter != null && notAfter.isBefore(expiresAt)) {
            expiresAt = notAfter;
        }
        // exp counts whole seconds: the answer names exactly the moment the token stops working.
        expiresAt = expiresAt.truncatedTo(ChronoUnit.SECONDS);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(userId)
                .audience(AUDIENCE)
                .claim(SCOPE_CLAIM, scope.claim())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(TYPE).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a stream token", e);
        }
        return new IssuedStreamToken(jwt.serialize(), expiresAt);
    }

    /**
     * The token's claims when it is a valid, unexpired stream token for exactly this stream; otherwise a
     * {@link org.springframework.security.oauth2.jwt.JwtException}.
     */
    public Mono<Jwt> verify(String token, StreamScope stream) {
        return Mono.defer(() -> decoder.decode(token))
                .flatMap(jwt -> stream.claim().equals(jwt.getClaimAsString(SCOPE_CLAIM))
                        ? Mono.just(jwt)
                        : Mono.error(new BadJwtException("The stream token is for another stream")));
    }

    private static OAuth2TokenValidator<Jwt> validator(Duration clockSkew, Clock clock) {
        JwtTimestampValidator timestamps = new JwtTimestampValidator(clockSkew);
        timestamps.setClock(clock);
        timestamps.setAllowEmptyExpiryClaim(false);
        OAuth2TokenValidator<Jwt> user = new JwtClaimValidator<String>(JwtClaimNames.SUB,
                subject -> subject != null && !subject.isBlank());
        OAuth2TokenValidator<Jwt> type = new JwtTypeValidator(TYPE.getType());
        return JwtValidators.createDefaultWithValidators(
                List.of(timestamps, type, new JwtAudienceValidator(AUDIENCE), user));
    }
}
