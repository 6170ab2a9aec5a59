package io.tributary.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;

class StreamTokensTest {

    private static final byte[] SECRET = "a-stream-token-secret-of-32-bytes-or-more".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00.700Z");
    private static final Duration SKEW = Duration.ofSeconds(30);

    private final StreamTokens tokens = at(NOW);

    @Test
    void shouldVerifyATokenForItsOwnStreamAsItsUser() {
        IssuedStreamToken issued = tokens.issue("alice", new StreamScope.Job("job-1"), null);

        Jwt jwt = tokens.verify(issued.token(), new StreamScope.Job("job-1")).block();

        assertThat(jwt.getSubject()).isEqualTo("alice");
        assertThat(jwt.getAudience()).containsExactly(StreamTokens.AUDIENCE);
        assertThat(jwt.getExpiresAt()).isEqualTo(issued.expiresAt()).isEqualTo(Instant.parse("2026-03-01T10:05:00Z"));
        assertThat(tokens.verify(tokens.issue("alice", new StreamScope.Notifications(), null).token(),
                new StreamScope.Notifications()).block().getSubject()).isEqualTo("alice");
    }

    @Test
    void shouldRefuseATokenForAnotherStream() {
        String job1 = tokens.issue("alice", new StreamScope.Job("job-1"), null).token();
        String feed = tokens.issue("alice", new StreamScope.Notifications(), null).token();

        assertRefused(job1, new StreamScope.Job("job-2"));
        assertRefused(job1, new StreamScope.Notifications());
        assertRefused(feed, new StreamScope.Job("job-1"));
    }

    @Test
    void shouldRefuseATokenOnceExpiredBeyondTheSkew() {
        String token = tokens.issue("alice", new StreamScope.Job("job-1"), null).token();

        assertThat(at(NOW.plus(Duration.ofMinutes(5)).plusSeconds(29)).verify(token, new StreamScope.Job("job-1"))
                .block()).isNotNull();
        assertThatThrownBy(() -> at(NOW.plus(Duration.ofMinutes(5)).plusSeconds(31))
                .verify(token, new StreamScope.Job("job-1")).block()).isInstanceOf(JwtException.class);
    }

    @Test
    void shouldNeverOutliveTheCredentialItWasIssuedAgainst() {
        IssuedStreamToken issued = tokens.issue("alice", new StreamScope.Job("job-1"), NOW.plusSeconds(42));

        assertThat(issued.expiresAt()).isEqualTo(Instant.parse("2026-03-01T10:00:42Z"));
    }

    @Test
    void shouldRefuseATokenOfAnotherKey() {
        StreamTokens otherGateway = new StreamTokens("another-secret-of-thirty-two-bytes-or-more"
                .getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(5), SKEW, Clock.fixed(NOW, ZoneOffset.UTC));

        assertRefused(otherGateway.issue("alice", new StreamScope.Job("job-1"), null).token(), new StreamScope.Job("job-1"));
    }

    @Test
    void shouldRefuseAUserTokenSignedWithTheSameKey() throws Exception {
        // Even under the stream key, a token without the stream type, audience and scope opens nothing.
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("alice").issueTime(Date.from(NOW))
                .expirationTime(Date.from(NOW.plusSeconds(60))).claim("scope", "job:job-1").build();
        SignedJWT userToken = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        userToken.sign(new MACSigner(SECRET));

        assertRefused(userToken.serialize(), new StreamScope.Job("job-1"));
    }

    @Test
    void shouldRefuseMalformedTokensAsInvalidNotAsFailures() {
        assertRefused("", new StreamScope.Job("job-1"));
        assertRefused("not.a.jwt", new StreamScope.Job("job-1"));
    }

    @Test
    void shouldEncodeTheJobIdInTheStreamPath() {
        assertThat(new StreamScope.Job("a b/c").streamPath()).isEqualTo("/api/jobs/a%20b%2Fc/stream");
        assertThat(new StreamScope.Notifications().streamPath()).isEqualTo("/api/notifications/stream");
    }

    private void assertRefused(String token, StreamScope stream) {
        assertThatThrownBy(() -> tokens.verify(token, stream).block()).isInstanceOf(JwtException.class);
    }

    private static StreamTokens at(Instant now) {
        return new StreamTokens(SECRET, Duration.ofMinutes(5), SKEW, Clock.fixed(now, ZoneOffset.UTC));
    }
}
