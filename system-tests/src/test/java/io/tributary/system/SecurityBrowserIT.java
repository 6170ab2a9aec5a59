package io.tributary.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import io.tributary.simulator.SimulatedReply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Security suite, browsers: an {@code EventSource} cannot send a header, so a user trades their bearer
 * token for a short-lived stream token that opens one stream (a job's, or their notification feed) from
 * its URL and nothing else. Expired, tampered, forged or misplaced stream tokens are refused, a bearer
 * token is never taken from a URL, and no token reaches a log.
 */
class SecurityBrowserIT {

    private static final Duration STREAM_BOUND = Duration.ofSeconds(60);
    /** {@code tributary.security.stream-token.ttl} by default, plus room for the machine. */
    private static final Duration LONGEST_TTL = Duration.ofMinutes(5).plusSeconds(30);

    private static TributaryStack stack;
    private static StreamTokens streamTokens;

    @BeforeAll
    static void startStack() throws Exception {
        stack = TributaryStack.shared();
        streamTokens = new StreamTokens(TributaryStack.STREAM_TOKEN_SECRET);
    }

    @Test
    void shouldOpenAJobStreamWithItsStreamTokenAloneOnEitherGatewayAsAnEventSourceWould() throws Exception {
        TributaryClient reader = TributaryClient.freshUser(stack, "browser");
        // Four seconds: still streaming when the first viewer attaches, ended when the second replays it.
        String request = JobRequest.of("from a browser", 80, 50).background();
        String jobId = reader.startJob(request);
        Instant asked = Instant.now();

        JsonNode issued = issued(reader.streamToken(jobId));
        String token = issued.path("token").asString();
        String streamUrl = issued.path("streamUrl").asString();
        Instant expiresAt = Instant.parse(issued.path("expiresAt").asString());
        assertThat(streamUrl).startsWith("/api/jobs/" + jobId + "/stream?").contains("stream_token=" + token);
        assertThat(expiresAt).isAfter(asked).isBefore(asked.plus(LONGEST_TTL));
        JWTClaimsSet claims = streamTokens.verifiedClaims(token);
        assertThat(claims.getSubject()).isEqualTo(reader.user());
        assertThat(claims.getAudience()).containsExactly(StreamTokens.AUDIENCE);
        assertThat(claims.getStringClaim("scope")).isEqualTo(StreamTokens.jobScope(jobId));
        assertThat(claims.getExpirationTime().toInstant()).isCloseTo(expiresAt, within(1, ChronoUnit.SECONDS));

        String expected = SimulatedReply.forRequest(request).content();
        for (GatewayProcess gateway : List.of(reader.gateway(), stack.secondGateway())) {
            try (SseClient viewer = SseClient.openAsEventSource(URI.create(gateway.url() + streamUrl))) {
                assertThat(viewer.status()).as("the stream on %s", gateway.name()).isEqualTo(200);
                List<SseMessage> messages = viewer.readToEnd(STREAM_BOUND);
                ViewerTranscript seen = new ViewerTranscript().add(messages);
                assertThat(seen.content()).isEqualTo(expected);
                assertThat(TributaryClient.JSON.readTree(messages.get(messages.size() - 1).data()).path("status")
                        .path("status").asString()).as("the last message's status").isEqualTo("complete");
            }
        }
        new ServiceLogs(stack).assertNowhere(token);
    }

    @Test
    void shouldOpenTheNotificationFeedWithItsStreamTokenAlone() throws Exception {
        TributaryClient reader = TributaryClient.freshUser(stack, "browser-feed");
        JsonNode issued = issued(reader.inbox().streamToken());
        String token = issued.path("token").asString();
        String streamUrl = issued.path("streamUrl").asString();
        assertThat(streamUrl).startsWith("/api/notifications/stream?").contains("stream_token=" + token);
        assertThat(streamTokens.verifiedClaims(token).getStringClaim("scope")).isEqualTo(StreamTokens.NOTIFICATIONS_SCOPE);

        try (SseClient feed = SseClient.openAsEventSource(URI.create(reader.gateway().url() + streamUrl))) {
            assertThat(feed.status()).isEqualTo(200);
            String jobId = reader.startJob(JobRequest.of("news for a browser", 5, 20).inThread("browser-thread", "browser-message"));
            SseMessage notification = feed.next(STREAM_BOUND);
            while (notification != null && !"notification".equals(notification.event())) {
                notification = feed.next(STREAM_BOUND);
            }
            assertThat(notification).as("a notification on the feed").isNotNull();
            assertThat(TributaryClient.JSON.readTree(notification.data()).path("jobId").asString()).isEqualTo(jobId);
        }
        new ServiceLogs(stack).assertNowhere(token);
    }

    @Test
    void shouldRefuseAStreamTokenEverywhereButOnTheGetOfTheStreamItNames() throws Exception {
        TributaryClient reader = TributaryClient.freshUser(stack, "misplaced");
        String jobId = reader.startJob(JobRequest.of("the named job", 1200, 50));
        String otherJob = reader.startJob(JobRequest.of("another job", 5, 10).inThread("thread-2", "message-2"));
        String token = issued(reader.streamToken(jobId)).path("token").asString();
        String feedToken = issued(reader.inbox().streamToken()).path("token").asString();
        String api = reader.gateway().url() + "/api";

        for (HttpCall call : List.of(
                browser(api + "/jobs/" + otherJob + "/stream?stream_token=" + token),
                browser(api + "/notifications/stream?stream_token=" + token),
                browser(api + "/jobs/" + jobId + "/stream?stream_token=" + feedToken),
                HttpCall.get(api + "/jobs/" + jobId + "/status?stream_token=" + token),
                HttpCall.post(api + "/jobs/" + jobId + "/abort?stream_token=" + token),
                HttpCall.post(api + "/jobs/" + jobId + "/stream-token?stream_token=" + token),
                HttpCall.get(api + "/jobs?stream_token=" + token),
                browser(api + "/jobs/" + jobId + "/stream").bearer(token),
                HttpCall.get(api + "/notifications").bearer(feedToken),
                HttpCall.post(stack.ingestUrl() + "/api/openrouter/stream").bearer(token)
                        .json(JobRequest.of("with a stream token", 3, 10).background()))) {
            assertRefused(call, token, feedToken);
        }
        assertThat(TributaryClient.JSON.readTree(reader.abort(jobId).body()).path("aborted").asBoolean())
                .as("the named job was still running").isTrue();
    }

    @Test
    void shouldRefuseAnExpiredTamperedForgedOrUnsignedStreamToken() throws Exception {
        TributaryClient reader = TributaryClient.freshUser(stack, "tamperer");
        String jobId = reader.startJob(JobRequest.of("guarded job", 1200, 50));
        String otherJob = reader.startJob(JobRequest.of("other guarded job", 1200, 50).inThread("thread-2", "message-2"));
        String scope = StreamTokens.jobScope(jobId);
        Instant later = Instant.now().plus(Duration.ofMinutes(1));
        String stream = reader.gateway().url() + "/api/jobs/" + jobId + "/stream?stream_token=";
        String otherStream = reader.gateway().url() + "/api/jobs/" + otherJob + "/stream?stream_token=";

        // The control: a token minted here with the contract's claims opens the stream, so each refusal
        // below is for the one thing that differs from it.
        try (SseClient viewer = SseClient.openAsEventSource(URI.create(stream + streamTokens.mint(reader.user(), scope, later)))) {
            assertThat(viewer.status()).as("a stream token with the contract's claims").isEqualTo(200);
        }
        String issued = issued(reader.streamToken(jobId)).path("token").asString();
        JWTClaimsSet otherClaims = StreamTokens.claims(reader.user(), StreamTokens.jobScope(otherJob), later);
        List<String> refused = List.of(
                streamTokens.mint(reader.user(), scope, Instant.now().minus(Duration.ofMinutes(5))),
                StreamTokens.forged(reader.user(), scope, later),
                JwtMinter.unsigned(StreamTokens.claims(reader.user(), scope, later)),
                JwtMinter.hmac(JWSAlgorithm.HS256, TributaryStack.STREAM_TOKEN_SECRET, new JWTClaimsSet.Builder(
                        StreamTokens.claims(reader.user(), scope, later)).audience(TributaryStack.AUDIENCE).build()),
                JwtMinter.hmac(JWSAlgorithm.HS384, TributaryStack.STREAM_TOKEN_SECRET, StreamTokens.claims(reader.user(), scope, later)),
                reader.token(),
                StreamTokens.withSignatureChanged(issued));
        for (String token : refused) {
            assertRefused(browser(stream + token), token);
        }
        assertRefused(browser(otherStream + StreamTokens.withPayloadOf(issued, otherClaims)), issued);

        // Correctly signed but for another user: the job is not theirs, so it must never open.
        TributaryClient other = TributaryClient.freshUser(stack, "not-the-owner");
        HttpResponse<String> foreign = browser(stream + streamTokens.mint(other.user(), scope, later)).send();
        assertThat(foreign.statusCode()).as(foreign.body()).isIn(401, 404);
        ErrorAnswers.assertError(foreign, foreign.statusCode());
        reader.abort(jobId);
        reader.abort(otherJob);
    }

    @Test
    void shouldNeverTakeABearerTokenFromAUrl() throws Exception {
        TributaryClient reader = TributaryClient.freshUser(stack, "url-token");
        String jobId = reader.startJob(JobRequest.of("bearer in a url", 5, 10));
        String api = reader.gateway().url() + "/api";

        for (HttpCall call : List.of(
                browser(api + "/jobs/" + jobId + "/stream?access_token=" + reader.token()),
                HttpCall.get(api + "/jobs/" + jobId + "/status?access_token=" + reader.token()),
                HttpCall.get(api + "/notifications?access_token=" + reader.token()),
                browser(api + "/notifications/stream?access_token=" + reader.token()))) {
            assertRefused(call, reader.token());
        }
        new ServiceLogs(stack).assertNowhere(reader.token());
    }

    private static JsonNode issued(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as("%s answered %s", answer.uri(), answer.body()).isEqualTo(200);
        JsonNode issued = TributaryClient.JSON.readTree(answer.body());
        assertThat(issued.path("token").asString("")).isNotBlank();
        assertThat(issued.path("expiresAt").asString("")).isNotBlank();
        return issued;
    }

    /** A GET as an EventSource sends it: no header of ours. */
    private static HttpCall browser(String url) {
        return HttpCall.get(url).header("Accept", "text/event-stream");
    }

    private static void assertRefused(HttpCall call, String... tokens) throws Exception {
        HttpResponse<String> response = call.send();
        ErrorAnswers.assertError(response, 401);
        for (String token : tokens) {
            ErrorAnswers.assertNotEchoed(response, token);
        }
    }
}
