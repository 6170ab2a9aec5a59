package io.tributary.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.tributary.support.HttpCalls.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Tokens of an identity provider whose public keys a real local HTTP server publishes as a JWK set:
 * RS256 and ES256 tokens signed with its keys pass; a token signed with another key, an HS256 token MACed
 * with the provider's public key (algorithm confusion) and an unsigned one are refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "tributary.topics.create=false")
class JwkSetTokenTest {

    private static final RSAKey RSA = generateRsa("rsa-1");
    private static final ECKey EC = generateEc("ec-1");
    private static final JwksServer PROVIDER = new JwksServer(List.of(RSA, EC));

    @LocalServerPort
    int port;

    private HttpCalls http;

    @DynamicPropertySource
    static void keySource(DynamicPropertyRegistry registry) {
        registry.add("tributary.security.jwk-set-uri", PROVIDER::jwkSetUri);
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.close();
    }

    @BeforeEach
    void connect() {
        http = new HttpCalls(port);
    }

    @Test
    void shouldAcceptAnRs256TokenSignedWithAKeyOfTheSet() {
        Answer answer = http.get("/api/whoami", TestTokens.rs256(TestTokens.claims("alice").build(), RSA));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"user\":\"alice\"}");
    }

    @Test
    void shouldAcceptAnEs256TokenSignedWithAKeyOfTheSet() {
        Answer answer = http.get("/api/whoami", TestTokens.es256(TestTokens.claims("bob").build(), EC));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"user\":\"bob\"}");
    }

    @Test
    void shouldRefuseATokenSignedWithAKeyOutsideTheSet() {
        String sameKeyIdOtherKey = TestTokens.rs256(TestTokens.claims("alice").build(), generateRsa("rsa-1"));
        String otherKeyId = TestTokens.es256(TestTokens.claims("alice").build(), generateEc("ec-2"));

        assertThat(http.get("/api/whoami", sameKeyIdOtherKey).status()).isEqualTo(401);
        assertThat(http.get("/api/whoami", otherKeyId).status()).isEqualTo(401);
    }

    @Test
    void shouldRefuseAnHs256TokenMacedWithThePublicKey() throws JOSEException {
        byte[] publicKey = RSA.toRSAPublicKey().getEncoded();
        String confused = TestTokens.mac(JWSAlgorithm.HS256, TestTokens.claims("alice").build(), publicKey);

        Answer answer = http.get("/api/whoami", confused);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).isEqualTo("{\"error\":\"A valid bearer token is required\"}");
    }

    @Test
    void shouldRefuseAnUnsignedToken() {
        assertThat(http.get("/api/whoami", TestTokens.unsigned(TestTokens.claims("alice").build())).status())
                .isEqualTo(401);
    }

    @Test
    void shouldRefuseAnExpiredTokenSignedWithAKeyOfTheSet() {
        String expired = TestTokens.rs256(TestTokens.claims("alice")
                .expirationTime(java.util.Date.from(java.time.Instant.now().minusSeconds(120))).build(), RSA);

        assertThat(http.get("/api/whoami", expired).status()).isEqualTo(401);
    }

    static RSAKey generateRsa(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static ECKey generateEc(String keyId) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
