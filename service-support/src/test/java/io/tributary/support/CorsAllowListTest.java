package io.tributary.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import io.tributary.support.HttpCalls.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;

/** CORS with an allow-list: allowed origins get the headers, every other origin a JSON 403 without them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tributary.security.jwt-secret=" + SecurityAndErrorsTest.SECRET,
        "tributary.security.cors.allowed-origins=https://chat.example.test,https://admin.example.test",
        "tributary.topics.create=false"})
class CorsAllowListTest {

    private static final String ALLOWED = "https://chat.example.test";

    @LocalServerPort
    int port;

    private HttpCalls http;

    @BeforeEach
    void connect() {
        http = new HttpCalls(port);
    }

    @Test
    void shouldAnswerAPreflightFromAnAllowedOrigin() {
        Answer answer = http.call(HttpMethod.OPTIONS, "/api/whoami", headers -> {
            headers.set("Origin", ALLOWED);
            headers.set("Access-Control-Request-Method", "GET");
            headers.set("Access-Control-Request-Headers", "authorization, last-event-id");
        });

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers().getAccessControlAllowOrigin()).isEqualTo(ALLOWED);
        assertThat(answer.headers().getAccessControlAllowMethods()).extracting(Object::toString)
                .containsExactly("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS");
        assertThat(answer.headers().getAccessControlAllowHeaders()).containsExactlyInAnyOrder("authorization",
                "last-event-id");
        assertThat(answer.headers().getAccessControlAllowCredentials()).isFalse();
    }

    @Test
    void shouldAnswerAnAllowedOriginsRequestWithTheCorsHeaders() throws Exception {
        String token = SecurityAndErrorsTest.token("alice", SecurityAndErrorsTest.SECRET, Instant.now().plusSeconds(60));
        Answer answer = http.call(HttpMethod.GET, "/api/whoami", headers -> {
            headers.set("Origin", ALLOWED);
            headers.setBearerAuth(token);
        });

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers().getAccessControlAllowOrigin()).isEqualTo(ALLOWED);
        assertThat(answer.headers().getAccessControlExposeHeaders()).contains("X-Tributary-Job-Id", "Retry-After",
                "Stream-Next-Offset", "Stream-Up-To-Date", "Stream-Closed", "ETag");
    }

    @Test
    void shouldLetAnAllowedOriginReadARefusal() {
        Answer answer = http.call(HttpMethod.GET, "/api/whoami", headers -> headers.set("Origin", ALLOWED));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.headers().getAccessControlAllowOrigin()).isEqualTo(ALLOWED);
    }

    @Test
    void shouldRefuseAPreflightFromAnotherOriginWithJson() {
        Answer answer = http.call(HttpMethod.OPTIONS, "/api/whoami", headers -> {
            headers.set("Origin", "https://evil.example.test");
            headers.set("Access-Control-Request-Method", "GET");
        });

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body()).isEqualTo("{\"error\":\"Cross-origin request refused\"}");
        assertThat(answer.headers().getAccessControlAllowOrigin()).isNull();
    }

    @Test
    void shouldRefuseAPreflightForAHeaderOutsideTheList() {
        Answer answer = http.call(HttpMethod.OPTIONS, "/api/whoami", headers -> {
            headers.set("Origin", ALLOWED);
            headers.set("Access-Control-Request-Method", "GET");
            headers.set("Access-Control-Request-Headers", "x-custom-header");
        });

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body()).isEqualTo("{\"error\":\"Cross-origin request refused\"}");
        assertThat(answer.headers().getAccessControlAllowOrigin()).isNull();
    }

    @Test
    void shouldRefuseARequestFromAnotherOriginWithoutCorsHeaders() throws Exception {
        String token = SecurityAndErrorsTest.token("alice", SecurityAndErrorsTest.SECRET, Instant.now().plusSeconds(60));
        Answer answer = http.call(HttpMethod.GET, "/api/whoami", headers -> {
            headers.set("Origin", "https://evil.example.test");
            headers.setBearerAuth(token);
        });

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body()).isEqualTo("{\"error\":\"Cross-origin request refused\"}");
        assertThat(answer.headers().getAccessControlAllowOrigin()).isNull();
    }
}
