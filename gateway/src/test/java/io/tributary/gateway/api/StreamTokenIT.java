package io.tributary.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.netty.handler.codec.http.HttpMethod;
import io.tributary.gateway.support.ApiCalls;
import io.tributary.gateway.support.JobLog;
import io.tributary.gateway.support.NotificationLog;
import io.tributary.gateway.support.NotificationLog.Written;
import io.tributary.gateway.support.Payloads;
import io.tributary.gateway.support.RunningGateway;
import io.tributary.gateway.support.SharedBroker;
import io.tributary.gateway.support.SseClient.Response;
import io.tributary.gateway.support.SseParser.Event;
import io.tributary.gateway.support.TestEvents;
import io.tributary.gateway.support.Tokens;
import io.tributary.gateway.support.UrlAuthorizedClient;
import io.tributary.gateway.support.Viewing;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Stream tokens over real HTTP on a real broker: a browser that cannot send headers opens exactly the
 * stream its token names with the token in the URL alone, and nothing else is ever taken in place of
 * the right credential in the right place.
 */
class StreamTokenIT {

    private static final String STREAM_SECRET = "stream-token-secret-of-the-tests-32-bytes-and-more";
    private static final String REFUSAL = "{\"error\":\"A valid bearer token is required\"}";

    private static JobLog log;
    private static NotificationLog notifications;
    private static RunningGateway gateway;
    private static ApiCalls api;
    private static UrlAuthorizedClient browser;

    private final String alice = "alice-" + UUID.randomUUID();
    private final String aliceToken = Tokens.forUser(alice);

    @BeforeAll
    static void start() {
        log = new JobLog(SharedBroker.bootstrapServers());
        notifications = new NotificationLog(SharedBroker.bootstrapServers());
        gateway = RunningGateway.start(SharedBroker.bootstrapServers(),
                Map.of("tributary.security.stream-token.secret", STREAM_SECRET));
        api = new ApiCalls(gateway.port());
        api.awaitHealthy();
        browser = new UrlAuthorizedClient(gateway.port());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        notifications.close();
        log.close();
    }

    @Test
    void shouldOpenAJobStreamWithOnlyItsStreamToken() {
        TestEvents job = startedJobOf(alice);
        Instant asked = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        Response issued = api.post("/api/jobs/" + job.jobId() + "/stream-token", aliceToken);

        assertThat(issued.status()).isEqualTo(200);
        assertThat(issued.contentType()).startsWith("application/json");
        JsonNode answer = Payloads.json(issued.body());
        String token = answer.path("token").asString();
        assertThat(answer.path("streamUrl").asString())
                .isEqualTo("/api/jobs/" + job.jobId() + "/stream?stream_token=" + token);
        assertThat(Instant.parse(answer.path("expiresAt").asString()))
                .isBetween(asked.plus(Duration.ofMinutes(5)), Instant.now().plus(Duration.ofMinutes(5)));

        Viewing viewer = new Viewing(browser.events(answer.path("streamUrl").asString())).awaitMessages(1);
        log.append(job.text(1, "Hello"), job.text(2, " world"), job.completed(3));
        List<Event> events = viewer.awaitEnd();

        assertThat(Payloads.ids(events)).containsExactly("0", "1", "2", "3");
        assertThat(Payloads.kinds(events)).containsExactly("snapshot", "delta", "delta", "status");
        assertThat(Payloads.of(events.get(3)).path("status").path("content").asString()).isEqualTo("Hello world");
    }

    @Test
    void shouldOpenTheNotificationFeedWithOnlyItsStreamToken() {
        JsonNode answer = Payloads.json(api.post("/api/notifications/stream-token", aliceToken).body());
        assertThat(answer.path("streamUrl").asString())
                .isEqualTo("/api/notifications/stream?stream_token=" + answer.path("token").asString());
        double feedsBefore = gateway.gauge("tributary.gateway.notification.streams");

        Viewing feed = new Viewing(browser.events(answer.path("streamUrl").asString()).take(1));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> gateway.gauge("tributary.gateway.notification.streams") > feedsBefore);
        Written written = notifications.notify(alice);

        List<Event> events = feed.awaitEnd();
        assertThat(Payloads.ids(events)).containsExactly(written.eventId());
        assertThat(events.get(0).type()).isEqualTo("notification");
    }

    @Test
    void shouldNeverOutliveTheBearerTokenThatObtainedIt() {
        TestEvents job = startedJobOf(alice);
        Instant bearerExpiry = Instant.now().plusSeconds(90).truncatedTo(ChronoUnit.SECONDS);

        Response issued = api.post("/api/jobs/" + job.jobId() + "/stream-token", bearer(alice, bearerExpiry));

        assertThat(Instant.parse(Payloads.json(issued.body()).path("expiresAt").asString())).isEqualTo(bearerExpiry);
    }

    @Test
    void shouldRefuseAStreamTokenOnAnotherStream() {
        TestEvents job = startedJobOf(alice);
        TestEvents otherJob = startedJobOf(alice);
        String jobToken = streamTokenOf(job);
        String feedToken = Payloads.json(api.post("/api/notifications/stream-token", aliceToken).body())
                .path("token").asString();

        assertRefused(browser.get(streamOf(otherJob) + "?stream_token=" + jobToken), jobToken);
        assertRefused(browser.get("/api/notifications/stream?stream_token=" + jobToken), jobToken);
        assertRefused(browser.get(streamOf(job) + "?stream_token=" + feedToken), feedToken);
    }

    @Test
    void shouldRefuseAnExpiredTamperedOrForeignSignedStreamToken() {
        TestEvents job = startedJobOf(alice);
        String scope = "job:" + job.jobId();
        Instant now = Instant.now();

        // The forged tokens are exactly what the gateway signs: with good times and key, one opens the stream.
        String forgedButValid = streamToken(STREAM_SECRET, alice, scope, now, now.plusSeconds(60));
        assertThat(browser.events(streamOf(job) + "?stream_token=" + forgedButValid).take(1).collectList()
                .block(Duration.ofSeconds(15))).extracting(Event::lastEventId).containsExactly("0");

        String expired = streamToken(STREAM_SECRET, alice, scope, now.minusSeconds(600), now.minusSeconds(120));
        assertRefused(browser.get(streamOf(job) + "?stream_token=" + expired), expired);

        String otherSecret = streamToken("another-stream-secret-that-no-gateway-holds", alice, scope, now,
                now.plusSeconds(60));
        assertRefused(browser.get(streamOf(job) + "?stream_token=" + otherSecret), otherSecret);

        String bobsJobClaims = streamToken(STREAM_SECRET, "bob", scope, now, now.plusSeconds(60)).split("\\.")[1];
        String[] valid = streamTokenOf(job).split("\\.");
        String tampered = valid[0] + "." + bobsJobClaims + "." + valid[2];
        assertRefused(browser.get(streamOf(job) + "?stream_token=" + tampered), tampered);
    }

    @Test
    void shouldNeverTakeAUsersBearerTokenFromTheUrl() {
        TestEvents job = startedJobOf(alice);

        assertRefused(browser.get(streamOf(job) + "?access_token=" + aliceToken), aliceToken);
        assertRefused(browser.get(streamOf(job) + "?stream_token=" + aliceToken), aliceToken);
        assertRefused(browser.get("/api/notifications/stream?stream_token=" + aliceToken), aliceToken);
        assertRefused(browser.get("/api/jobs/" + job.jobId() + "/status?access_token=" + aliceToken), aliceToken);
    }

    @Test
    void shouldNeverTakeAStreamTokenAsABearerHeader() {
        TestEvents job = startedJobOf(alice);
        String streamToken = streamTokenOf(job);
        Map<String, String> asBearer = Map.of("Authorization", "Bearer " + streamToken);

        assertRefused(browser.call(HttpMethod.GET, streamOf(job), asBearer), streamToken);
        assertRefused(browser.call(HttpMethod.GET, "/api/jobs/" + job.jobId() + "/status", asBearer), streamToken);
        assertRefused(browser.call(HttpMethod.POST, "/api/jobs/" + job.jobId() + "/stream-token", asBearer),
                streamToken);
    }

    @Test
    void shouldNotTakeAStreamTokenOnAnyOtherEndpoint() {
        TestEvents job = startedJobOf(alice);
        String query = "?stream_token=" + streamTokenOf(job);

        assertRefused(browser.get("/api/jobs/" + job.jobId() + "/status" + query), null);
        assertRefused(browser.get("/api/jobs" + query), null);
        assertRefused(browser.call(HttpMethod.POST, "/api/jobs/" + job.jobId() + "/abort" + query, Map.of()), null);
        assertRefused(browser.call(HttpMethod.POST, "/api/jobs/" + job.jobId() + "/stream-token" + query, Map.of()),
                null);
    }

    @Test
    void shouldAnswerATokenRequestForAForeignOrMissingJobLikeEveryOtherLookup() {
        TestEvents bobsJob = startedJobOf("bob-" + UUID.randomUUID());

        Response foreign = api.post("/api/jobs/" + bobsJob.jobId() + "/stream-token", aliceToken);
        Response missing = api.post("/api/jobs/" + UUID.randomUUID() + "/stream-token", aliceToken);

        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.body()).isEqualTo("{\"error\":\"Job not found\"}");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo(foreign.body());
    }

    @Test
    void shouldRefuseATokenRequestWithoutABearerToken() {
        TestEvents job = startedJobOf(alice);

        assertRefused(browser.call(HttpMethod.POST, "/api/jobs/" + job.jobId() + "/stream-token", Map.of()), null);
        assertRefused(browser.call(HttpMethod.POST, "/api/notifications/stream-token", Map.of()), null);
    }

    private static TestEvents startedJobOf(String user) {
        TestEvents job = new TestEvents(UUID.randomUUID().toString());
        log.append(job.started(user));
        return job;
    }

    private String streamTokenOf(TestEvents job) {
        Response issued = api.post("/api/jobs/" + job.jobId() + "/stream-token", aliceToken);
        assertThat(issued.status()).isEqualTo(200);
        return Payloads.json(issued.body()).path("token").asString();
    }

    private static String streamOf(TestEvents job) {
        return "/api/jobs/" + job.jobId() + "/stream";
    }

    private static void assertRefused(Response response, @Nullable String token) {
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.body()).isEqualTo(REFUSAL);
        if (token != null) {
            assertThat(response.body()).doesNotContain(token);
        }
    }

    /** A stream token as a gateway would sign it, with the claims and times given. */
    private static String streamToken(String secret, String user, String scope, Instant issued, Instant expires) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(user).audience("tributary-stream")
                .claim("scope", scope).issueTime(Date.from(issued)).expirationTime(Date.from(expires)).build();
        return sign(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("tributary-stream+jwt")).build(),
                claims, secret);
    }

    private static String bearer(String user, Instant expires) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(user).issueTime(new Date())
                .expirationTime(Date.from(expires)).build();
        return sign(new JWSHeader(JWSAlgorithm.HS256), claims, Tokens.SECRET);
    }

    private static String sign(JWSHeader header, JWTClaimsSet claims, String secret) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
