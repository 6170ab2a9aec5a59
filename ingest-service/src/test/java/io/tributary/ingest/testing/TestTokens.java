package io.tributary.ingest.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** Real HS256 bearer tokens, signed as a user's identity provider would sign them. */
public final class TestTokens {

    /** The secret the tests configure as {@code tributary.security.jwt-secret}: 32 bytes and more. */
    public static final String SECRET = "ingest-service-test-secret-0123456789abcdef";

    private TestTokens() {
    }

    public static String forUser(String userId) {
        return sign(userId, SECRET);
    }

    public static String sign(String userId, String secret) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(userId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
