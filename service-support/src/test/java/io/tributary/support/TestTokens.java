package io.tributary.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** Real signed JWTs of every kind the tests need, good and bad. */
final class TestTokens {

    private TestTokens() {
    }

    /** Claims of a token for the user, valid for a minute from now. */
    static JWTClaimsSet.Builder claims(String user) {
        return new JWTClaimsSet.Builder()
                .subject(user)
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(60)));
    }

    static String hs256(JWTClaimsSet claims, String secret) {
        return mac(JWSAlgorithm.HS256, claims, secret.getBytes(StandardCharsets.UTF_8));
    }

    static String mac(JWSAlgorithm algorithm, JWTClaimsSet claims, byte[] secret) {
        return mac(algorithm, null, claims, secret);
    }

    /** A MACed token whose header says {@code typ} (none when null). */
    static String mac(JWSAlgorithm algorithm, String type, JWTClaimsSet claims, byte[] secret) {
        try {
            JWSHeader.Builder header = new JWSHeader.Builder(algorithm);
            if (type != null) {
                header.type(new JOSEObjectType(type));
            }
            return sign(header.build(), claims, new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String rs256(JWTClaimsSet claims, RSAKey key) {
        try {
            return sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims,
                    new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String es256(JWTClaimsSet claims, ECKey key) {
        try {
            return sign(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims,
                    new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsigned token ({@code alg: none}): header and claims, and an empty signature. */
    static String unsigned(JWTClaimsSet claims) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8)) + ".";
    }

    private static String sign(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) throws JOSEException {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(signer);
        return jwt.serialize();
    }
}
