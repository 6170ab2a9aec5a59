package io.tributary.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.tributary.support.HttpCalls.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A JWK set nobody serves (the port is closed): a well-formed token cannot be checked, which is the
 * service's trouble, so the caller gets a 503 JSON to retry, never a 500 and never its token back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "tributary.topics.create=false")
class UnreachableKeySourceTest {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void keySource(DynamicPropertyRegistry registry) {
        registry.add("tributary.security.jwk-set-uri", () -> "http://127.0.0.1:" + closedPort() + "/jwks.json");
    }

    @Test
    void shouldAnswer503WithJsonWhenTheKeySourceDoesNotAnswer() throws JOSEException {
        RSAKey key = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        String token = TestTokens.rs256(TestTokens.claims("alice").build(), key);

        Answer answer = new HttpCalls(port).get("/api/whoami", token);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.body()).startsWith("{").contains("\"error\"").doesNotContain(token);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
