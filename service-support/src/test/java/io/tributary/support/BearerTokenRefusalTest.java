package io.tributary.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import io.tributary.support.HttpCalls.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;

/**
 * Every kind of bad bearer token, over real HTTP, against an HS256 secret with a required issuer and
 * audience and the default clock skew (30 s): each is the same JSON 401 with {@code WWW-Authenticate:
 * Bearer}, and nothing of the token comes back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tributary.security.jwt-secret=" + BearerTokenRefusalTest.SECRET,
        "tributary.security.issuer=" + BearerTokenRefusalTest.ISSUER,
        "tributary.security.audience=" + BearerTokenRefusalTest.AUDIENCE,
        "tributary.topics.create=false"})
class BearerTokenRefusalTest {

    /** 64 bytes, so that an HS512 MAC can be made with the very same secret. */
    static final String SECRET = "a-test-secret-of-sixty-four-bytes-for-hs256-and-hs512-tokens-xyz";
    static final String ISSUER = "https://id.example.test";
    static final String AUDIENCE = "tributary";
    private static final String REFUSAL = "{\"error\":\"A valid bearer token is required\"}";

    @LocalServerPort
    int port;

    private HttpCalls http;

    @BeforeEach
    void connect() {
        assertThat(SECRET.getBytes(StandardCharsets.UTF_8)).hasSizeGreaterThanOrEqualTo(64);
        http = new HttpCalls(port);
    }

    @Test
    void shouldAcceptAValidTokenOfTheIssuerForTheAudience() {
        Answer answer = http.get("/api/whoami", TestTokens.hs256(valid("alice").build(), SECRET));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"user\":\"alice\"}");
    }

    @Test
    void shouldRefuseAMissingToken() {
        assertRefused(http.get("/api/whoami", null), null);
    }

    @Test
    void shouldRefuseMalformedTokens() {
        for (String malformed : List.of("not.a.jwt", "abc", "a.b.c", "a.b.c.d.e", "eyJhbGciOiJIUzI1NiJ9.e30", "###")) {
            assertRefused(http.get("/api/whoami", malformed), malformed);
        }
        assertRefused(http.call(HttpMethod.GET, "/api/whoami", headers -> headers.set("Authorization", "Bearer")), null);
        assertRefused(http.call(HttpMethod.GET, "/api/whoami", headers -> headers.set("Authorization", "Basic YWxpY2U6eA==")),
                null);
    }

    @Test
    void shouldRefuseAForgedSignature() {
        String forged = TestTokens.hs256(valid("alice").build(), "another-secret-of-sixty-four-bytes-that-nobody-configured-here!!");
        assertRefused(http.get("/api/whoami", forged), forged);

        String valid = TestTokens.hs256(valid("alice").build(), SECRET);
        String[] parts = valid.split("\\.");
        String otherClaims = TestTokens.hs256(valid("mallory").build(), SECRET).split("\\.")[1];
        String spliced = parts[0] + "." + otherClaims + "." + parts[2];
        assertRefused(http.get("/api/whoami", spliced), spliced);
    }

    @Test
    void shouldRefuseAnUnsignedToken() {
        String unsigned = TestTokens.unsigned(valid("alice").build());

        assertRefused(http.get("/api/whoami", unsigned), unsigned);
    }

    @Test
    void shouldRefuseAnotherAlgorithmEvenWithTheRightSecretOrAnAsymmetricKey() throws Exception {
        String hs512 = TestTokens.mac(JWSAlgorithm.HS512, valid("alice").build(), SECRET.getBytes(StandardCharsets.UTF_8));
        assertRefused(http.get("/api/whoami", hs512), hs512);

        String rs256 = TestTokens.rs256(valid("alice").build(), new RSAKeyGenerator(2048).keyID("k1").generate());
        assertRefused(http.get("/api/whoami", rs256), rs256);
    }

    @Test
    void shouldRefuseAnExpiredTokenBeyondTheSkewAndAcceptOneWithinIt() {
        String withinSkew = TestTokens.hs256(valid("alice").issueTime(secondsFromNow(-120))
                .expirationTime(secondsFromNow(-10)).build(), SECRET);
        assertThat(http.get("/api/whoami", withinSkew).status()).isEqualTo(200);

        String expired = TestTokens.hs256(valid("alice").issueTime(secondsFromNow(-120))
                .expirationTime(secondsFromNow(-45)).build(), SECRET);
        assertRefused(http.get("/api/whoami", expired), expired);
    }

    @Test
    void shouldRefuseATokenWithoutExpiry() {
        String endless = TestTokens.hs256(valid("alice").expirationTime(null).build(), SECRET);

        assertRefused(http.get("/api/whoami", endless), endless);
    }

    @Test
    void shouldRefuseATokenThatNamesNoUser() {
        String nobody = TestTokens.hs256(valid("alice").subject(null).build(), SECRET);
        String blank = TestTokens.hs256(valid(" ").build(), SECRET);

        assertRefused(http.get("/api/whoami", nobody), nobody);
        assertRefused(http.get("/api/whoami", blank), blank);
    }

    @Test
    void shouldRefuseATokenNotYetValidBeyondTheSkewAndAcceptOneWithinIt() {
        String withinSkew = TestTokens.hs256(valid("alice").notBeforeTime(secondsFromNow(10)).build(), SECRET);
        assertThat(http.get("/api/whoami", withinSkew).status()).isEqualTo(200);

        String early = TestTokens.hs256(valid("alice").notBeforeTime(secondsFromNow(45)).build(), SECRET);
        assertRefused(http.get("/api/whoami", early), early);
    }

    @Test
    void shouldRefuseAWrongOrMissingIssuer() {
        String wrong = TestTokens.hs256(valid("alice").issuer("https://evil.example.test").build(), SECRET);
        assertRefused(http.get("/api/whoami", wrong), wrong);

        String missing = TestTokens.hs256(valid("alice").issuer(null).build(), SECRET);
        assertRefused(http.get("/api/whoami", missing), missing);
    }

    @Test
    void shouldRefuseAWrongOrMissingAudienceAndAcceptOneAmongOthers() {
        String wrong = TestTokens.hs256(valid("alice").audience("another-service").build(), SECRET);
        assertRefused(http.get("/api/whoami", wrong), wrong);

        String missing = TestTokens.hs256(valid("alice").audience((String) null).build(), SECRET);
        assertRefused(http.get("/api/whoami", missing), missing);

        String several = TestTokens.hs256(valid("alice").audience(List.of("another-service", AUDIENCE)).build(), SECRET);
        assertThat(http.get("/api/whoami", several).status()).isEqualTo(200);
    }

    @Test
    void shouldRefuseATokenOfAnotherType() {
        String logoutToken = TestTokens.mac(JWSAlgorithm.HS256, "logout+jwt", valid("alice").build(),
                SECRET.getBytes(StandardCharsets.UTF_8));

        assertRefused(http.get("/api/whoami", logoutToken), logoutToken);
    }

    @Test
    void shouldIgnoreABearerTokenInTheQueryString() {
        String token = TestTokens.hs256(valid("alice").build(), SECRET);

        assertRefused(http.get("/api/whoami?access_token=" + token, null), token);
    }

    private static JWTClaimsSet.Builder valid(String user) {
        return TestTokens.claims(user).issuer(ISSUER).audience(AUDIENCE);
    }

    private static Date secondsFromNow(long seconds) {
        return Date.from(Instant.now().plusSeconds(seconds));
    }

    private static void assertRefused(Answer answer, String token) {
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).isEqualTo(REFUSAL);
        assertThat(answer.headers().get("WWW-Authenticate")).containsExactly("Bearer");
        if (token != null) {
            assertThat(answer.body()).doesNotContain(token);
            assertThat(answer.headers().toString()).doesNotContain(token);
        }
    }
}
