package io.tributary.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import io.tributary.schema.FailureReason;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobEventType;
import io.tributary.schema.JobStatus;
import io.tributary.schema.Notification;
import io.tributary.schema.NotificationAction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every way a background job ends gives the notification the original client knows how to show:
 * its type, title and body, and an "Open chat" action that leads back to the job's message.
 */
class NotificationOutcomeIT {

    private static final Duration STREAM_TIMEOUT = Duration.ofSeconds(60);

    private static TributaryStack stack;
    private static JobLog jobs;
    private static NotificationLog notifications;

    @BeforeAll
    static void startStack() throws Exception {
        stack = TributaryStack.shared();
        jobs = new JobLog(stack);
        notifications = new NotificationLog(stack);
    }

    @Test
    void shouldTellThatAResponseIsReadyWhenABackgroundJobCompletes() throws Exception {
        TributaryClient jade = TributaryClient.freshUser(stack, "jade");
        String jobId = jade.startJob(JobRequest.of("ready", 10, 20).inThread("ready-thread", "ready-message"));

        Notification notification = notifications.awaitFor(jobId);

        JobEvent terminal = jobs.awaitTerminal(jobId, STREAM_TIMEOUT);
        assertThat(terminal.getType()).isEqualTo(JobEventType.COMPLETED);
        assertThat(notification.getType()).isEqualTo("ai.message.received");
        assertThat(notification.getTitle()).isEqualTo("AI response ready");
        assertThat(notification.getBody()).isEqualTo("Your background response is ready.");
        assertThat(notification.getOutcome()).isEqualTo(JobStatus.COMPLETE);
        assertThat(notification.getError()).isNull();
        assertAboutTheJob(notification, jade, jobId, "ready-thread", "ready-message", terminal);
    }

    @Test
    void shouldWarnWithTheFailureMessageWhenTheUpstreamFails() throws Exception {
        TributaryClient kim = TributaryClient.freshUser(stack, "kim");
        String jobId = kim.startJob(JobRequest.of("upstream fails", 10, 20)
                .inThread("failed-thread", "failed-message").failing("midstream_error"));

        Notification notification = notifications.awaitFor(jobId);

        JobEvent terminal = jobs.awaitTerminal(jobId, STREAM_TIMEOUT);
        assertThat(terminal.getType()).isEqualTo(JobEventType.FAILED);
        String failure = terminal.getFailed().getMessage();
        assertThat(notification.getType()).isEqualTo("system.warning");
        assertThat(notification.getTitle()).isEqualTo("AI response failed");
        assertThat(notification.getBody()).isEqualTo(failure).isNotBlank();
        assertThat(notification.getError()).isEqualTo(failure);
        assertThat(notification.getOutcome()).isEqualTo(JobStatus.ERROR);
        assertAboutTheJob(notification, kim, jobId, "failed-thread", "failed-message", terminal);
    }

    @Test
    void shouldWarnThatAResponseStoppedWhenItIsAborted() throws Exception {
        TributaryClient leo = TributaryClient.freshUser(stack, "leo");
        String jobId = leo.startJob(JobRequest.of("aborted", 400, 50).inThread("aborted-thread", "aborted-message"));
        // Not watched: a viewer would make the abort something the user saw, not something to notify.
        jobs.awaitStreaming(jobId, 5, STREAM_TIMEOUT);

        var answer = leo.abort(jobId);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(TributaryClient.JSON.readTree(answer.body()).path("aborted").asBoolean()).isTrue();
        Notification notification = notifications.awaitFor(jobId);
        JobEvent terminal = jobs.awaitTerminal(jobId, STREAM_TIMEOUT);
        assertThat(terminal.getType()).isEqualTo(JobEventType.ABORTED);
        assertThat(notification.getType()).isEqualTo("system.warning");
        assertThat(notification.getTitle()).isEqualTo("AI response stopped");
        assertThat(notification.getBody()).isEqualTo("The background response was stopped.");
        assertThat(notification.getOutcome()).isEqualTo(JobStatus.ABORTED);
        assertAboutTheJob(notification, leo, jobId, "aborted-thread", "aborted-message", terminal);
    }

    @Test
    void shouldWarnThatAResponseFailedWhenItsUpstreamFallsSilentUntilTheTimeout() throws Exception {
        TributaryClient mia = TributaryClient.freshUser(stack, "mia");
        // The first delta would come after 30 s; the stack's ingest gives up after 5 s of silence.
        String jobId = mia.startJob(JobRequest.of("silent upstream", 2, 30_000).inThread("timeout-thread", "timeout-message"));

        Notification notification = notifications.awaitFor(jobId);

        JobEvent terminal = jobs.awaitTerminal(jobId, STREAM_TIMEOUT);
        assertThat(terminal.getType()).isEqualTo(JobEventType.FAILED);
        assertThat(terminal.getFailed().getReason()).isEqualTo(FailureReason.TIMEOUT);
        assertThat(notification.getType()).isEqualTo("system.warning");
        assertThat(notification.getTitle()).isEqualTo("AI response failed");
        assertThat(notification.getBody()).isEqualTo("Job timed out");
        assertThat(notification.getError()).isEqualTo("Job timed out");
        assertThat(notification.getOutcome()).isEqualTo(JobStatus.ERROR);
        assertAboutTheJob(notification, mia, jobId, "timeout-thread", "timeout-message", terminal);
    }

    /** What every notification says about its job, whatever the outcome. */
    static void assertAboutTheJob(Notification notification, TributaryClient owner, String jobId,
            String threadId, String messageId, JobEvent terminal) {
        assertThat(notification.getUserId()).isEqualTo(owner.user());
        assertThat(notification.getJobId()).isEqualTo(jobId);
        assertThat(notification.getThreadId()).isEqualTo(threadId);
        assertThat(notification.getMessageId()).isEqualTo(messageId);
        assertThat(UUID.fromString(notification.getId())).as("the notification id is a UUID").isNotNull();
        assertThat(notification.getCreatedAt()).as("created at the job's end, not when the processor got to it")
                .isCloseTo(terminal.getTimestamp(), within(1, ChronoUnit.SECONDS));
        assertThat(notification.getActions()).hasSize(1);
        NotificationAction openChat = notification.getActions().get(0);
        assertThat(openChat.getId()).isEqualTo("open-chat");
        assertThat(openChat.getLabel()).isEqualTo("Open chat");
        assertThat(openChat.getKind()).isEqualTo("navigate");
        assertThat(openChat.getTarget()).isEqualTo(Map.of("threadId", threadId));
        assertThat(openChat.getData()).isEqualTo(Map.of("messageId", messageId));
    }
}
