package io.tributary.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;

/**
 * The users' bearer tokens as the stack's identity provider would issue them: HS256 with the
 * services' secret, {@code sub} = the user, the configured issuer and audience, issued now. A test
 * that needs a bad token takes {@link #claims} and changes one thing, or signs them another way.
 */
final class BearerTokens {

    private final String secret;
    private final String issuer;
    private final String audience;
    private final Clock clock;

    BearerTokens(String secret, String issuer, String audience, Clock clock) {
        this.secret = secret;
        this.issuer = issuer;
        this.audience = audience;
        this.clock = clock;
    }

    /** A token the services accept for {@code validity} from now. */
    String valid(String user, Duration validity) {
        return sign(claims(user, validity).build());
    }

    /** The claims of a good token, to be changed by the caller. */
    JWTClaimsSet.Builder claims(String user, Duration validity) {
        Instant now = clock.instant();
        return new JWTClaimsSet.Builder()
                .subject(user)
                .issuer(issuer)
                .audience(audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(validity)));
    }

    /** Signed as the identity provider signs: HS256 with the services' secret. */
    String sign(JWTClaimsSet claims) {
        return JwtMinter.hmac(JWSAlgorithm.HS256, secret, claims);
    }

    /** The services' secret, for the tests of tokens signed with it by another algorithm. */
    String secret() {
        return secret;
    }

    Instant now() {
        return clock.instant();
    }
}
