package io.tributary.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Security suite, token expiry on open streams: a token is checked when a stream opens, and an open
 * stream must not outlive it, or a revoked user (whose tokens simply stop being renewed) would watch
 * forever. A job stream and a notification feed opened with a token that expires in a few seconds end
 * then, after a named {@code token-expired} event, while the job itself goes on.
 */
class SecurityTokenExpiryIT {

    private static final Duration SHORT_VALIDITY = Duration.ofSeconds(3);
    /** The token's validity, the clock skew the services allow, and ample room for a loaded machine. */
    private static final Duration END_BOUND = Duration.ofSeconds(25);

    private static TributaryStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        stack = TributaryStack.shared();
    }

    @Test
    void shouldEndAJobStreamWithATokenExpiredEventWhenItsTokenExpires() throws Exception {
        TributaryClient user = TributaryClient.freshUser(stack, "expiring");
        // A minute of streaming: only the token's expiry can end the stream within the bound.
        String jobId = user.startJob(JobRequest.of("outlives the token", 1200, 50));
        String shortToken = stack.tokens.valid(user.user(), SHORT_VALIDITY);

        try (SseClient stream = SseClient.open(URI.create(user.gateway().url() + "/api/jobs/" + jobId + "/stream"), shortToken, null)) {
            assertThat(stream.status()).isEqualTo(200);
            List<SseMessage> messages = stream.readToEnd(END_BOUND);
            assertThat(stream.ended()).as("the server ended the stream").isTrue();
            assertEndsWithTokenExpired(messages);
            assertThat(messages.subList(0, messages.size() - 1)).as("job messages before the end")
                    .isNotEmpty()
                    .allSatisfy(message -> assertThat(message.event()).isEqualTo("message"))
                    .noneSatisfy(message -> assertThat(TributaryClient.JSON.readTree(message.data()).path("event").asString())
                            .isEqualTo("status"));
        }
        assertThat(TributaryClient.JSON.readTree(user.status(jobId).body()).path("status").asString())
                .as("the job goes on without the viewer").isEqualTo("streaming");
        user.abort(jobId);
    }

    @Test
    void shouldEndANotificationFeedWithATokenExpiredEventWhenItsTokenExpires() throws Exception {
        TributaryClient user = TributaryClient.freshUser(stack, "expiring-feed");
        String shortToken = stack.tokens.valid(user.user(), SHORT_VALIDITY);

        try (SseClient feed = SseClient.open(URI.create(user.gateway().url() + "/api/notifications/stream"), shortToken, null)) {
            assertThat(feed.status()).isEqualTo(200);
            List<SseMessage> messages = feed.readToEnd(END_BOUND);

            assertThat(feed.ended()).as("the server ended the feed").isTrue();
            assertEndsWithTokenExpired(messages);
        }
    }

    private static void assertEndsWithTokenExpired(List<SseMessage> messages) {
        assertThat(messages).as("messages of the stream").isNotEmpty();
        SseMessage last = messages.get(messages.size() - 1);
        // What came last says why the stream ended, should it not be the token.
        assertThat(last.event()).as("the last messages: %s", messages.subList(Math.max(0, messages.size() - 3), messages.size()))
                .isEqualTo("token-expired");
        JsonNode data = TributaryClient.JSON.readTree(last.data());
        assertThat(data.path("error").asString()).isEqualTo("The token has expired");
    }
}
