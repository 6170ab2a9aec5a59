package io.tributary.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A thread muted through one gateway silences its jobs' notifications (the processor reads
 * {@code threads.prefs}) and shows as muted on every gateway; unmuting brings them back.
 */
class ThreadMuteIT {

    private static final Duration PROPAGATION_BOUND = Duration.ofSeconds(30);

    private static TributaryStack stack;
    private static NotificationLog notifications;

    @BeforeAll
    static void startStack() throws Exception {
        stack = TributaryStack.shared();
        notifications = new NotificationLog(stack);
    }

    @Test
    void shouldNotNotifyAJobOfAThreadMutedOnAnotherGatewayAndNotifyAgainOnceUnmuted() throws Exception {
        TributaryClient quinn = TributaryClient.freshUser(stack, "quinn");
        TributaryClient quinnOnSecond = quinn.on(stack.secondGateway());

        assertMuteAnswer(quinnOnSecond.mute("quiet-thread", true), "quiet-thread", true);
        // Seen by the other gateway, so on threads.prefs; the job below streams for a second more,
        // which leaves the processor's global table ample time to read it too.
        awaitMuteState(quinn, "quiet-thread", true);
        String muted = quinn.startJob(JobRequest.of("while muted", 20, 50).inThread("quiet-thread", "muted-message"));
        assertThat(notifications.settledFor(muted, quinn)).as("no notification from a muted thread").isEmpty();

        assertMuteAnswer(quinnOnSecond.mute("quiet-thread", false), "quiet-thread", false);
        awaitMuteState(quinn, "quiet-thread", false);
        String unmuted = quinn.startJob(JobRequest.of("after unmuting", 20, 50).inThread("quiet-thread", "unmuted-message"));
        assertThat(notifications.awaitFor(unmuted).getThreadId()).isEqualTo("quiet-thread");
    }

    @Test
    void shouldMuteOnlyTheThreadOfTheUserWhoMutedIt() throws Exception {
        TributaryClient rosa = TributaryClient.freshUser(stack, "rosa");
        TributaryClient sam = TributaryClient.freshUser(stack, "sam");
        assertMuteAnswer(rosa.mute("shared-thread-id", true), "shared-thread-id", true);
        awaitMuteState(rosa.on(stack.secondGateway()), "shared-thread-id", true);

        String rosasJob = rosa.startJob(JobRequest.of("rosa muted", 20, 50).inThread("shared-thread-id", "rosa-message"));
        String samsJob = sam.startJob(JobRequest.of("sam not muted", 20, 50).inThread("shared-thread-id", "sam-message"));

        assertThat(notifications.awaitFor(samsJob).getUserId()).isEqualTo(sam.user());
        assertThat(notifications.settledFor(rosasJob, rosa)).isEmpty();
    }

    @Test
    void shouldAnswerAMuteRequestThatIsNotJsonOrNotABooleanWithABadRequest() throws Exception {
        TributaryClient tess = TributaryClient.freshUser(stack, "tess");

        for (String body : new String[] {"not json", "{\"muted\":\"perhaps\"}"}) {
            HttpResponse<String> answer = tess.muteWithBody("some-thread", body);
            assertThat(answer.statusCode()).as("answer to %s", body).isBetween(400, 499);
            assertThat(TributaryClient.JSON.readTree(answer.body()).path("error").asString())
                    .as("answer to %s", body).isNotBlank();
        }
    }

    private static void assertMuteAnswer(HttpResponse<String> answer, String threadId, boolean muted) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode body = TributaryClient.JSON.readTree(answer.body());
        assertThat(body.path("threadId").asString()).isEqualTo(threadId);
        assertThat(body.path("muted").asBoolean()).isEqualTo(muted);
    }

    private static void awaitMuteState(TributaryClient client, String threadId, boolean muted) {
        await().atMost(PROPAGATION_BOUND).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertMuteAnswer(client.muteState(threadId), threadId, muted));
    }
}
