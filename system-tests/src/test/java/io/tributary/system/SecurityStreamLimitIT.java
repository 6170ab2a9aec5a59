package io.tributary.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Security suite, open streams: a user holds at most {@code tributary.gateway.max-streams-per-user}
 * streams (job streams and notification feeds together) on one gateway; one more is a 429 with
 * {@code Retry-After: 1}, and a stream that closes frees its place at once. Other users and the other
 * gateway are not affected, since the limit protects one gateway's connections.
 */
class SecurityStreamLimitIT {

    private static final Duration FREED_BOUND = Duration.ofSeconds(15);

    private static TributaryStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        stack = TributaryStack.shared();
    }

    @Test
    void shouldRefuseOneStreamOverTheLimitWith429AndTakeItOnceAStreamCloses() throws Exception {
        TributaryClient greedy = TributaryClient.freshUser(stack, "greedy");
        String jobId = greedy.startJob(JobRequest.of("many viewers", 1200, 50));
        List<SseClient> open = new ArrayList<>();
        try {
            open.add(greedy.inbox().feed(null));
            while (open.size() < TributaryStack.MAX_STREAMS_PER_USER) {
                open.add(greedy.watch(jobId, null));
            }
            assertThat(open).allSatisfy(stream -> assertThat(stream.status()).isEqualTo(200));

            assertTooMany(streamCall(greedy, "/api/jobs/" + jobId + "/stream").send());
            assertTooMany(streamCall(greedy, "/api/notifications/stream").send());
            try (SseClient otherGateway = greedy.on(stack.secondGateway()).watch(jobId, null);
                    SseClient otherUser = TributaryClient.freshUser(stack, "modest").inbox().feed(null)) {
                assertThat(otherGateway.status()).as("the same user on the other gateway").isEqualTo(200);
                assertThat(otherUser.status()).as("another user on this gateway").isEqualTo(200);
            }

            open.remove(0).close();
            SseClient freed = await().atMost(FREED_BOUND).pollInterval(Duration.ofMillis(200))
                    .until(() -> openOrClose(greedy, jobId), stream -> stream != null);
            open.add(freed);
            assertTooMany(streamCall(greedy, "/api/jobs/" + jobId + "/stream").send());
        } finally {
            for (SseClient stream : open) {
                stream.close();
            }
            greedy.abort(jobId);
        }
    }

    private static void assertTooMany(HttpResponse<String> response) {
        assertThat(ErrorAnswers.assertError(response, 429)).isEqualTo("Too many open streams");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
    }

    /** A stream opened on the user's gateway, or null (and nothing left open) while the limit still refuses it. */
    private static @Nullable SseClient openOrClose(TributaryClient user, String jobId) throws Exception {
        SseClient stream = user.watch(jobId, null);
        if (stream.status() == 200) {
            return stream;
        }
        assertThat(stream.status()).as("while the place is not yet free").isEqualTo(429);
        stream.close();
        return null;
    }

    private static HttpCall streamCall(TributaryClient user, String path) {
        return HttpCall.get(user.gateway().url() + path).bearer(user.token()).header("Accept", "text/event-stream");
    }
}
