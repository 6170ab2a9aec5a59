package io.tributary.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Locale;

import io.tributary.support.HttpCalls.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;

/** Without an allow-list (the default) no CORS header is ever sent and every preflight is a JSON 403. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tributary.security.jwt-secret=" + SecurityAndErrorsTest.SECRET,
        "tributary.topics.create=false"})
class CorsWithoutOriginsTest {

    @LocalServerPort
    int port;

    private HttpCalls http;

    @BeforeEach
    void connect() {
        http = new HttpCalls(port);
    }

    @Test
    void shouldRefuseEveryPreflight() {
        Answer answer = http.call(HttpMethod.OPTIONS, "/api/whoami", headers -> {
            headers.set("Origin", "https://chat.example.test");
            headers.set("Access-Control-Request-Method", "GET");
        });

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body()).isEqualTo("{\"error\":\"Cross-origin request refused\"}");
        assertThat(answer.headers().headerNames()).noneMatch(name -> name.toLowerCase(Locale.ROOT).startsWith("access-control-"));
    }

    @Test
    void shouldSendNoCorsHeaderToACrossOriginRequest() throws Exception {
        String token = SecurityAndErrorsTest.token("alice", SecurityAndErrorsTest.SECRET, Instant.now().plusSeconds(60));
        Answer answer = http.call(HttpMethod.GET, "/api/whoami", headers -> {
            headers.set("Origin", "https://chat.example.test");
            headers.setBearerAuth(token);
        });

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers().headerNames()).noneMatch(name -> name.toLowerCase(Locale.ROOT).startsWith("access-control-"));
    }
}
