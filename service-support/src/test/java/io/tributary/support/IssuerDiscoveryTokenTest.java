package io.tributary.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.nimbusds.jose.jwk.RSAKey;
import io.tributary.support.HttpCalls.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An OpenID Connect issuer on a real local HTTP server: its keys are found through its discovery
 * document, and {@code iss} must name it, with an audience required on top.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tributary.security.audience=tributary",
        "tributary.topics.create=false"})
class IssuerDiscoveryTokenTest {

    private static final RSAKey KEY = JwkSetTokenTest.generateRsa("issuer-key");
    private static final JwksServer ISSUER = new JwksServer(List.of(KEY));

    @LocalServerPort
    int port;

    private HttpCalls http;

    @DynamicPropertySource
    static void keySource(DynamicPropertyRegistry registry) {
        registry.add("tributary.security.issuer-uri", ISSUER::issuer);
    }

    @AfterAll
    static void stopIssuer() {
        ISSUER.close();
    }

    @BeforeEach
    void connect() {
        http = new HttpCalls(port);
    }

    @Test
    void shouldAcceptATokenOfTheIssuerForTheAudience() {
        Answer answer = http.get("/api/whoami",
                TestTokens.rs256(TestTokens.claims("alice").issuer(ISSUER.issuer()).audience("tributary").build(), KEY));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"user\":\"alice\"}");
    }

    @Test
    void shouldRefuseATokenThatNamesAnotherIssuer() {
        String token = TestTokens.rs256(TestTokens.claims("alice").issuer("https://evil.example.test")
                .audience("tributary").build(), KEY);

        assertThat(http.get("/api/whoami", token).status()).isEqualTo(401);
    }

    @Test
    void shouldRefuseATokenForAnotherAudience() {
        String token = TestTokens.rs256(TestTokens.claims("alice").issuer(ISSUER.issuer())
                .audience("another-service").build(), KEY);

        assertThat(http.get("/api/whoami", token).status()).isEqualTo(401);
    }
}
