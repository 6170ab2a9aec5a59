package io.tributary.local;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Mints the bearer tokens the services accept: HS256 JWTs whose {@code sub} is the user, signed with the
 * secret the services are configured with ({@code tributary.security.jwt-secret}). For local use and
 * tests; production tokens come from the identity provider that shares the secret.
 */
public final class DevTokens {

    /**
     * The secret of the local stack. It is published in this source, so it protects nothing: local use only.
     * A service in production is configured with its own secret.
     */
    public static final String LOCAL_SECRET = "tributary-local-development-secret-never-use-in-production";
    /** The stream-token secret two local gateways share (published here, like the token secret: local only). */
    public static final String LOCAL_STREAM_TOKEN_SECRET = "tributary-local-stream-tokens-never-use-in-production";

    /** The issuer claim, so that a local token is recognisable as one. */
    public static final String ISSUER = "tributary-local";
    static final int MIN_SECRET_BYTES = 32;

    private final MACSigner signer;
    private final Clock clock;

    /**
     * @param secret the HS256 secret, at least 32 bytes in UTF-8
     * @param clock the clock of the issue and expiry times
     */
    public DevTokens(String secret, Clock clock) {
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        if (key.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("An HS256 secret needs at least " + MIN_SECRET_BYTES + " bytes");
        }
        try {
            this.signer = new MACSigner(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("Unusable HS256 secret: " + e.getMessage(), e);
        }
        this.clock = clock;
    }

    /** Tokens signed with {@link #LOCAL_SECRET}. */
    public static DevTokens local() {
        return new DevTokens(LOCAL_SECRET, Clock.systemUTC());
    }

    /**
     * A signed token for a user.
     *
     * @param user the {@code sub} claim
     * @param validity how long from now the token is accepted
     */
    public String mint(String user, Duration validity) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(user)
                .issuer(ISSUER)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(validity)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
        return jwt.serialize();
    }
}
