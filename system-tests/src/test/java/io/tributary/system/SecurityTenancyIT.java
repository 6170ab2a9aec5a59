package io.tributary.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import io.tributary.schema.Notification;
import io.tributary.schema.topic.Topics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Security suite, tenancy: another user's job, notification or thread is out of reach on every
 * endpoint, and a job answers exactly as one that does not exist (status, body and the wait before the
 * answer), so that nobody can learn which job ids are real. What the owner has stays as it was.
 */
class SecurityTenancyIT {

    private static final Duration INBOX_BOUND = Duration.ofSeconds(30);
    private static final Duration FEED_MESSAGE_BOUND = Duration.ofSeconds(60);

    private static TributaryStack stack;
    private static NotificationLog notifications;

    @BeforeAll
    static void startStack() throws Exception {
        stack = TributaryStack.shared();
        notifications = new NotificationLog(stack);
    }

    @Test
    void shouldAnswerEveryRequestForAnotherUsersJobExactlyLikeOneForAMissingJobAndLeaveTheJobRunning() throws Exception {
        TributaryClient owner = TributaryClient.freshUser(stack, "owner");
        TributaryClient other = TributaryClient.freshUser(stack, "other");
        // A minute of streaming: the job must still run after every attempt below, each of which may wait.
        String jobId = owner.startJob(JobRequest.of("not yours", 1200, 50));
        await().atMost(Duration.ofSeconds(30)).until(() -> owner.status(jobId).statusCode() == 200);
        String missing = UUID.randomUUID().toString();

        for (Map.Entry<String, Function<String, HttpCall>> endpoint : jobEndpoints(other.gateway()).entrySet()) {
            HttpCall.Timed foreign = endpoint.getValue().apply(jobId).bearer(other.token()).sendTimed();
            HttpCall.Timed absent = endpoint.getValue().apply(missing).bearer(other.token()).sendTimed();

            ErrorAnswers.assertError(foreign.response(), 404);
            ErrorAnswers.assertError(absent.response(), 404);
            assertThat(foreign.response().body()).as("%s of another user's job", endpoint.getKey())
                    .isEqualTo(absent.response().body().replace(missing, jobId));
            assertThat(foreign.took()).as("%s: the wait before the 404 of another user's job (missing: %s)",
                    endpoint.getKey(), absent.took()).isGreaterThanOrEqualTo(absent.took().dividedBy(2));
        }

        assertThat(TributaryClient.jobIds(TributaryClient.JSON.readTree(other.jobs().body())))
                .as("the other user's job list").doesNotContain(jobId);
        assertThat(TopicReader.readAll(stack.bootstrapServers(), Topics.JOB_CONTROL))
                .as("commands for the owner's job").noneMatch(record -> jobId.equals(record.key()));
        assertThat(TributaryClient.JSON.readTree(owner.status(jobId).body()).path("status").asString()).isEqualTo("streaming");
        assertThat(TributaryClient.JSON.readTree(owner.abort(jobId).body()).path("aborted").asBoolean())
                .as("the owner can still abort the job, so it was still running").isTrue();
    }

    @Test
    void shouldKeepAUsersNotificationsFromAnotherUserOnEveryInboxEndpoint() throws Exception {
        TributaryClient owner = TributaryClient.freshUser(stack, "inbox-owner");
        TributaryClient other = TributaryClient.freshUser(stack, "inbox-other");
        InboxClient othersInbox = other.inbox();

        try (SseClient othersFeed = othersInbox.feed(null)) {
            assertThat(othersFeed.status()).isEqualTo(200);
            String ownersJob = owner.startJob(JobRequest.of("owner's news", 5, 20).inThread("owner-thread", "owner-message"));
            String ownersNotification = notifications.awaitFor(ownersJob).getId();
            await().atMost(INBOX_BOUND).until(() -> InboxClient.ids(owner.inbox().list()).contains(ownersNotification));

            assertThat(InboxClient.ids(othersInbox.list())).doesNotContain(ownersNotification);
            assertThat(othersInbox.unreadCount()).isZero();
            HttpResponse<String> foreignRead = othersInbox.markRead(ownersNotification);
            HttpResponse<String> missingRead = othersInbox.markRead(UUID.randomUUID().toString());
            ErrorAnswers.assertError(foreignRead, 404);
            ErrorAnswers.assertError(missingRead, 404);
            assertThat(foreignRead.body()).isEqualTo(missingRead.body());
            assertThat(othersInbox.markAllRead().statusCode()).isEqualTo(200);
            assertThat(othersInbox.clear().statusCode()).isEqualTo(200);

            JsonNode ownersList = owner.inbox().list();
            assertThat(InboxClient.item(ownersList, ownersNotification).path("read").asBoolean())
                    .as("the owner's notification after the other user read and cleared their inbox").isFalse();
            assertThat(ownersList.path("unreadCount").asLong()).isEqualTo(1);

            // The other user's own notification comes after the owner's: the feed must show it, and it alone.
            String othersJob = other.startJob(JobRequest.of("other's news", 5, 20).inThread("other-thread", "other-message"));
            Notification othersNotification = notifications.awaitFor(othersJob);
            SseMessage first = nextNotification(othersFeed);
            assertThat(TributaryClient.JSON.readTree(first.data()).path("id").asString())
                    .as("the first notification on the other user's feed").isEqualTo(othersNotification.getId());
        }
    }

    /**
     * A thread id names no shared resource: a preference is the caller's own, so another user who names
     * the same thread reads and writes only theirs, and the owner's mute stands.
     */
    @Test
    void shouldKeepAUsersThreadMuteFromAnotherUserWhoNamesTheSameThread() throws Exception {
        TributaryClient owner = TributaryClient.freshUser(stack, "mute-owner");
        TributaryClient other = TributaryClient.freshUser(stack, "mute-other");
        String thread = "shared-name-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(owner.mute(thread, true).statusCode()).isEqualTo(200);

        assertThat(muted(other.muteState(thread))).as("the other user's setting of the thread").isFalse();
        assertThat(other.mute(thread, false).statusCode()).isEqualTo(200);
        assertThat(muted(other.on(stack.secondGateway()).muteState(thread))).isFalse();

        await().atMost(INBOX_BOUND).untilAsserted(() -> {
            assertThat(muted(owner.muteState(thread))).as("the owner's mute").isTrue();
            assertThat(muted(owner.on(stack.secondGateway()).muteState(thread))).as("the owner's mute on the other gateway").isTrue();
        });
    }

    /** The job endpoints, by name, as requests for a given job id. */
    private static Map<String, Function<String, HttpCall>> jobEndpoints(GatewayProcess gateway) {
        String jobs = gateway.url() + "/api/jobs/";
        Map<String, Function<String, HttpCall>> endpoints = new LinkedHashMap<>();
        // Abort first, while the job surely streams: a hole there would end it.
        endpoints.put("abort", id -> HttpCall.post(jobs + id + "/abort"));
        endpoints.put("status", id -> HttpCall.get(jobs + id + "/status"));
        endpoints.put("status from an offset", id -> HttpCall.get(jobs + id + "/status?offset=0"));
        endpoints.put("stream", id -> HttpCall.get(jobs + id + "/stream").header("Accept", "text/event-stream"));
        endpoints.put("stream after an event", id -> HttpCall.get(jobs + id + "/stream")
                .header("Accept", "text/event-stream").header("Last-Event-ID", "0"));
        endpoints.put("stream token", id -> HttpCall.post(jobs + id + "/stream-token"));
        return endpoints;
    }

    private static boolean muted(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return TributaryClient.JSON.readTree(answer.body()).path("muted").asBoolean();
    }

    private static SseMessage nextNotification(SseClient feed) throws InterruptedException {
        while (true) {
            SseMessage message = feed.next(FEED_MESSAGE_BOUND);
            assertThat(message).as("a notification on the feed").isNotNull();
            if ("notification".equals(message.event())) {
                return message;
            }
        }
    }
}
