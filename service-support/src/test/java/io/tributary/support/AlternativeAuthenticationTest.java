package io.tributary.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import io.tributary.support.HttpCalls.Answer;
import io.tributary.support.security.AlternativeAuthentication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import reactor.core.publisher.Mono;

/**
 * A service's own way to authenticate selected requests (here a {@code demo_key} query parameter on
 * {@code GET /api/whoami}): it alone decides those requests, the bearer header decides all others, and
 * whatever it refuses, however it fails, is the JSON 401.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tributary.security.jwt-secret=" + SecurityAndErrorsTest.SECRET,
        "tributary.topics.create=false"})
class AlternativeAuthenticationTest {

    @LocalServerPort
    int port;

    private HttpCalls http;
    private String bob;

    @BeforeEach
    void connect() throws Exception {
        http = new HttpCalls(port);
        bob = SecurityAndErrorsTest.token("bob", SecurityAndErrorsTest.SECRET, Instant.now().plusSeconds(60));
    }

    @Test
    void shouldAuthenticateAMatchingRequestWithTheAlternativeCredentialAlone() {
        Answer answer = http.get("/api/whoami?demo_key=alice-key", null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"user\":\"alice\"}");
    }

    @Test
    void shouldNotReadTheBearerHeaderOfAMatchingRequest() {
        assertThat(http.get("/api/whoami?demo_key=alice-key", bob).body()).isEqualTo("{\"user\":\"alice\"}");

        Answer wrongKey = http.get("/api/whoami?demo_key=wrong-key", bob);
        assertThat(wrongKey.status()).isEqualTo(401);
        assertThat(wrongKey.body()).isEqualTo("{\"error\":\"A valid bearer token is required\"}");
    }

    @Test
    void shouldKeepTheBearerHeaderForEveryOtherRequest() {
        assertThat(http.get("/api/whoami", bob).body()).isEqualTo("{\"user\":\"bob\"}");
        assertThat(http.call(HttpMethod.POST, "/api/whoami?demo_key=alice-key", headers -> { }).status())
                .isEqualTo(401);
        assertThat(http.get("/api/nothing-here?demo_key=alice-key", null).status()).isEqualTo(401);
    }

    @Test
    void shouldAnswerAnAlternativeThatFailsUnexpectedlyWithA401() {
        Answer answer = http.get("/api/whoami?demo_key=boom", null);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).isEqualTo("{\"error\":\"A valid bearer token is required\"}");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class DemoKeys {

        @Bean
        AlternativeAuthentication demoKeys() {
            return new AlternativeAuthentication() {
                @Override
                public ServerWebExchangeMatcher requests() {
                    return new AndServerWebExchangeMatcher(
                            new PathPatternParserServerWebExchangeMatcher("/api/whoami", HttpMethod.GET),
                            exchange -> exchange.getRequest().getQueryParams().containsKey("demo_key")
                                    ? MatchResult.match() : MatchResult.notMatch());
                }

                @Override
                public ServerAuthenticationConverter credentials() {
                    return exchange -> Mono.just(new DemoKey(exchange.getRequest().getQueryParams().getFirst("demo_key")));
                }

                @Override
                public ReactiveAuthenticationManager authenticationManager() {
                    return authentication -> {
                        Object key = authentication.getCredentials();
                        if ("boom".equals(key)) {
                            return Mono.error(new IllegalStateException("the key store is down"));
                        }
                        if (!"alice-key".equals(key)) {
                            return Mono.error(new BadCredentialsException("Unknown key"));
                        }
                        Jwt alice = Jwt.withTokenValue("alice-key").header("alg", "none").subject("alice")
                                .expiresAt(Instant.now().plusSeconds(60)).build();
                        return Mono.just(new JwtAuthenticationToken(alice, AuthorityUtils.NO_AUTHORITIES));
                    };
                }
            };
        }
    }

    /** An unchecked demo key. */
    static final class DemoKey extends AbstractAuthenticationToken {

        private final String key;

        DemoKey(String key) {
            super(AuthorityUtils.NO_AUTHORITIES);
            this.key = key;
        }

        @Override
        public Object getCredentials() {
            return key;
        }

        @Override
        public Object getPrincipal() {
            return "demo";
        }
    }
}
