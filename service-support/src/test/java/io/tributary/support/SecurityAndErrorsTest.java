package io.tributary.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tributary.security.jwt-secret=" + SecurityAndErrorsTest.SECRET,
        "tributary.topics.create=false"})
class SecurityAndErrorsTest {

    static final String SECRET = "test-secret-that-is-at-least-32-bytes-long";

    @LocalServerPort
    int port;

    private final WebClient http = WebClient.create();

    @Test
    void shouldKnowTheUserFromAValidToken() throws Exception {
        Answer answer = get("/api/whoami", token("alice", SECRET, Instant.now().plusSeconds(60)));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"user\":\"alice\"}");
    }

    @Test
    void shouldRefuseAMissingTokenWithJson() {
        Answer answer = get("/api/whoami", null);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).isEqualTo("{\"error\":\"A valid bearer token is required\"}");
    }

    @Test
    void shouldRefuseExpiredForgedAndMalformedTokens() throws Exception {
        assertThat(get("/api/whoami", token("alice", SECRET, Instant.now().minusSeconds(600))).status()).isEqualTo(401);
        assertThat(get("/api/whoami", token("alice", "another-secret-that-is-32-bytes-long!!", Instant.now().plusSeconds(60)))
                .status()).isEqualTo(401);
        assertThat(get("/api/whoami", "not.a.jwt").status()).isEqualTo(401);
    }

    @Test
    void shouldAnswerMalformedJsonWithA400JsonError() throws Exception {
        Answer answer = post("/api/echo", token("alice", SECRET, Instant.now().plusSeconds(60)), "{\"a\": ");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).isEqualTo("{\"error\":\"Malformed JSON body\"}");
    }

    @Test
    void shouldHideInternalsOfAnUnexpectedFailure() throws Exception {
        Answer answer = get("/api/boom", token("alice", SECRET, Instant.now().plusSeconds(60)));

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.body()).isEqualTo("{\"error\":\"Internal error\"}").doesNotContain("secret internals");
    }

    @Test
    void shouldAnswerAnUnknownPathWithJson() throws Exception {
        Answer answer = get("/api/nothing-here", token("alice", SECRET, Instant.now().plusSeconds(60)));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body()).contains("\"error\"");
    }

    @Test
    void shouldLeaveHealthOpen() {
        assertThat(get("/actuator/health", null).status()).isNotEqualTo(401);
    }

    private Answer get(String path, String token) {
        return exchange(http.get().uri("http://localhost:" + port + path)
                .headers(h -> bearer(h, token)));
    }

    private Answer post(String path, String token, String body) {
        return exchange(http.post().uri("http://localhost:" + port + path)
                .headers(h -> bearer(h, token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body));
    }

    private static void bearer(HttpHeaders headers, String token) {
        if (token != null) {
            headers.setBearerAuth(token);
        }
    }

    private static Answer exchange(WebClient.RequestHeadersSpec<?> request) {
        return request.exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
                .map(body -> new Answer(response.statusCode().value(), body))).block();
    }

    static String token(String user, String secret, Instant expiry) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256),
                new JWTClaimsSet.Builder().subject(user).expirationTime(Date.from(expiry)).build());
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    record Answer(int status, String body) {
        Answer {
            assertThat(HttpStatus.resolve(status)).isNotNull();
        }
    }
}
