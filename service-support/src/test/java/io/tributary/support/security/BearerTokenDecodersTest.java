package io.tributary.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

class BearerTokenDecodersTest {

    private static final String SECRET = "a-test-secret-of-at-least-thirty-two-bytes!";

    @Test
    void shouldKeepAnIssuerThatIsNotAUrlAsItsTextAndCheckIt() throws JOSEException {
        ReactiveJwtDecoder decoder = decoderFor("tributary-local");

        Jwt jwt = decoder.decode(token("tributary-local")).block();

        assertThat(jwt).isNotNull();
        assertThat(jwt.getClaims().get(JwtClaimNames.ISS)).isEqualTo("tributary-local");
        assertThatThrownBy(() -> decoder.decode(token("somebody-else")).block())
                .isInstanceOf(JwtValidationException.class);
    }

    @Test
    void shouldKeepAUrlIssuerAsTextToo() throws JOSEException {
        ReactiveJwtDecoder decoder = decoderFor("https://id.example.test");

        Jwt jwt = decoder.decode(token("https://id.example.test")).block();

        assertThat(jwt).isNotNull();
        assertThat(jwt.getClaims().get(JwtClaimNames.ISS)).isEqualTo("https://id.example.test");
    }

    private static ReactiveJwtDecoder decoderFor(String issuer) {
        return BearerTokenDecoders.create(
                new TokenProperties(SECRET, null, null, issuer, null, Duration.ofSeconds(30)), Clock.systemUTC());
    }

    private static String token(String issuer) throws JOSEException {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject("alice")
                .issuer(issuer)
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(60)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }
}
