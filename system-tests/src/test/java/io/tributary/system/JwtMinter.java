package io.tributary.system;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

/**
 * Signs any claims in any way a client could: with an HMAC secret and an algorithm of the caller's
 * choice, with an RSA key nobody trusts, or not at all ({@code alg: none}). The tests build good and
 * bad tokens alike from it, so that a bad token differs from a good one in exactly one respect.
 */
final class JwtMinter {

    private JwtMinter() {
    }

    /** An HMAC-signed JWT ({@code HS256}, {@code HS384} or {@code HS512}) over the secret's UTF-8 bytes. */
    static String hmac(JWSAlgorithm algorithm, String secret, JWTClaimsSet claims) {
        return hmac(new JWSHeader(algorithm), secret, claims);
    }

    /** An HMAC-signed JWT with this header (for a {@code typ} the verifier requires). */
    static String hmac(JWSHeader header, String secret, JWTClaimsSet claims) {
        JWSAlgorithm algorithm = header.getAlgorithm();
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign with " + algorithm, e);
        }
    }

    /** An RS256 JWT signed with a key generated for this token alone, which no service can know. */
    static String rs256WithUnknownKey(JWTClaimsSet claims) {
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign with RS256", e);
        }
    }

    /** An unsecured JWT: header {@code {"alg":"none"}}, the claims, and an empty signature. */
    static String unsigned(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }
}
