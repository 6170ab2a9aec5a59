package io.tributary.system;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Browser stream tokens as the gateways issue them ({@code POST /api/jobs/{id}/stream-token}): HS256
 * with {@code tributary.security.stream-token.secret}, {@code aud = tributary-stream}, {@code sub} =
 * the user, {@code scope} = {@code job:<jobId>} or {@code notifications}. The tests mint their own with
 * the shared secret to try what the gateway must refuse (expired, tampered, forged) and read the
 * claims of the ones the gateway issued.
 */
final class StreamTokens {

    static final String AUDIENCE = "tributary-stream";
    /** The gateway's stream tokens are typed, so that no other JWT under the same key passes for one. */
    private static final JWSHeader HEADER = new JWSHeader.Builder(JWSAlgorithm.HS256)
            .type(new JOSEObjectType("tributary-stream+jwt")).build();
    static final String NOTIFICATIONS_SCOPE = "notifications";

    private final String secret;

    StreamTokens(String secret) {
        this.secret = secret;
    }

    static String jobScope(String jobId) {
        return "job:" + jobId;
    }

    /** A stream token for the scope that expires at {@code expiresAt}. */
    String mint(String user, String scope, Instant expiresAt) {
        return JwtMinter.hmac(HEADER, secret, claims(user, scope, expiresAt));
    }

    /** The same claims signed with a secret the gateways do not have. */
    static String forged(String user, String scope, Instant expiresAt) {
        return JwtMinter.hmac(HEADER, "a-forger's-stream-token-secret-long-enough", claims(user, scope, expiresAt));
    }

    /**
     * A token whose claims were swapped for others after signing: the header and signature of
     * {@code signed}, the payload of {@code claims}.
     */
    static String withPayloadOf(String signed, JWTClaimsSet claims) {
        String[] parts = signed.split("\\.");
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                claims.toString().getBytes(StandardCharsets.UTF_8));
        return parts[0] + "." + payload + "." + parts[2];
    }

    /** The token with one character of its signature changed (in the middle, where every bit of it counts). */
    static String withSignatureChanged(String token) {
        int dot = token.lastIndexOf('.');
        int at = dot + 1 + (token.length() - dot - 1) / 2;
        char changed = token.charAt(at) == 'A' ? 'B' : 'A';
        return token.substring(0, at) + changed + token.substring(at + 1);
    }

    /** The claims of a token the gateway issued, once its signature is checked against the shared secret. */
    JWTClaimsSet verifiedClaims(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
                throw new AssertionError("A stream token is HS256, not " + jwt.getHeader().getAlgorithm());
            }
            if (!jwt.verify(new MACVerifier(secret.getBytes(StandardCharsets.UTF_8)))) {
                throw new AssertionError("A stream token is signed with tributary.security.stream-token.secret");
            }
            return jwt.getJWTClaimsSet();
        } catch (ParseException | JOSEException e) {
            throw new AssertionError("Not a signed JWT: " + e.getMessage(), e);
        }
    }

    static JWTClaimsSet claims(String user, String scope, Instant expiresAt) {
        Instant issued = expiresAt.minus(Duration.ofMinutes(5));
        return new JWTClaimsSet.Builder()
                .subject(user)
                .audience(AUDIENCE)
                .claim("scope", scope)
                .issueTime(Date.from(issued.isBefore(Instant.now()) ? issued : Instant.now()))
                .expirationTime(Date.from(expiresAt))
                .build();
    }
}
