package io.tributary.gateway.support;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;

/** Signs real HS256 bearer tokens with the test secret. */
public final class Tokens {

    public static final String SECRET = "test-secret-that-is-at-least-32-bytes-long";

    private Tokens() {
    }

    /** A token valid for an hour. */
    public static String forUser(String userId) {
        return sign(userId, Instant.now().plusSeconds(3600));
    }

    /** A token valid for an hour whose {@code scope} claim is this (space-separated scopes). */
    public static String withScope(String userId, String scope) {
        return sign(userId, Instant.now().plusSeconds(3600), scope);
    }

    /**
     * A token that expires this long from now. {@code exp} is in whole seconds, so the moment is rounded
     * down to its second; the token says when exactly ({@link #expiry}).
     */
    public static String expiringIn(String userId, Duration lifetime) {
        return sign(userId, Instant.now().plus(lifetime));
    }

    /** The {@code exp} of a token this class signed. */
    public static Instant expiry(String token) {
        try {
            return SignedJWT.parse(token).getJWTClaimsSet().getExpirationTime().toInstant();
        } catch (ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String sign(String userId, Instant expiresAt) {
        return sign(userId, expiresAt, null);
    }

    private static String sign(String userId, Instant expiresAt, @Nullable String scope) {
        try {
            JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                    .subject(userId)
                    .issueTime(new Date())
                    .expirationTime(Date.from(expiresAt));
            if (scope != null) {
                builder.claim("scope", scope);
            }
            JWTClaimsSet claims = builder.build();
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
