package io.tributary.processor.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tributary.processor.JobEvents;
import io.tributary.processor.JobStates;
import io.tributary.processor.Presences;
import io.tributary.schema.FailureReason;
import io.tributary.schema.JobMode;
import io.tributary.schema.JobState;
import io.tributary.schema.JobStatus;
import io.tributary.schema.Notification;
import io.tributary.schema.NotificationAction;
import org.junit.jupiter.api.Test;

class NotificationPolicyTest {

    private final NotificationPolicy policy = new NotificationPolicy();
    private final JobEvents job = JobEvents.forJob("job-a");
    private final JobState completed = JobStates.folded(job, job.started(), job.text(1, "Hi"), job.completed(2, "stop"));
    private final Instant end = job.at(2);
    private final Presences tab = Presences.of(job.jobId(), "gateway-1", "c-1");

    @Test
    void shouldNotifyACompletedJobAsAMessageReceivedWithAnOpenChatAction() {
        Notification expected = Notification.newBuilder()
                .setId(UUID.nameUUIDFromBytes("notification/job-a".getBytes(StandardCharsets.UTF_8)).toString())
                .setUserId("user-job-a")
                .setJobId("job-a")
                .setThreadId("thread-job-a")
                .setMessageId("message-job-a")
                .setType("ai.message.received")
                .setTitle("AI response ready")
                .setBody("Your background response is ready.")
                .setOutcome(JobStatus.COMPLETE)
                .setError(null)
                .setActions(List.of(NotificationAction.newBuilder()
                        .setId("open-chat")
                        .setLabel("Open chat")
                        .setKind("navigate")
                        .setTarget(Map.of("threadId", "thread-job-a"))
                        .setData(Map.of("messageId", "message-job-a"))
                        .build()))
                .setCreatedAt(end)
                .build();

        assertThat(policy.decide(completed, JobViewers.none(), false, end))
                .isEqualTo(new NotificationDecision.Notify(expected));
    }

    @Test
    void shouldNotifyEveryFailureAsAWarningWithItsMessageAsBodyAndError() {
        for (FailureReason reason : FailureReason.values()) {
            String message = "Failed: " + reason;
            JobState failed = JobStates.folded(job, job.started(), job.failed(1, reason, message));

            Notification notification = notified(policy.decide(failed, JobViewers.none(), false, job.at(1)));

            assertThat(notification.getType()).as(reason.name()).isEqualTo("system.warning");
            assertThat(notification.getTitle()).isEqualTo("AI response failed");
            assertThat(notification.getBody()).isEqualTo(message);
            assertThat(notification.getError()).isEqualTo(message);
            assertThat(notification.getOutcome()).isEqualTo(JobStatus.ERROR);
            assertThat(notification.getActions()).extracting(NotificationAction::getId).containsExactly("open-chat");
        }
    }

    @Test
    void shouldFallBackToAGenericBodyForAFailureWithoutMessage() {
        JobState failed = JobStates.folded(job, job.started(), job.failed(1, FailureReason.UPSTREAM_ERROR, "  "));

        Notification notification = notified(policy.decide(failed, JobViewers.none(), false, job.at(1)));

        assertThat(notification.getBody()).isEqualTo("The background response failed.");
        assertThat(notification.getError()).isNull();
    }

    @Test
    void shouldNotifyAnAbortedJobAsStopped() {
        JobState aborted = JobStates.folded(job, job.started(), job.aborted(1, "user"));

        Notification notification = notified(policy.decide(aborted, JobViewers.none(), false, job.at(1)));

        assertThat(notification.getType()).isEqualTo("system.warning");
        assertThat(notification.getTitle()).isEqualTo("AI response stopped");
        assertThat(notification.getBody()).isEqualTo("The background response was stopped.");
        assertThat(notification.getOutcome()).isEqualTo(JobStatus.ABORTED);
        assertThat(notification.getError()).isNull();
    }

    @Test
    void shouldLeaveOutTheActionKeysOfMissingIds() {
        JobState withoutIds = JobState.newBuilder(completed).setThreadId(null).setMessageId(null).build();

        Notification notification = notified(policy.decide(withoutIds, JobViewers.none(), false, end));

        assertThat(notification.getThreadId()).isNull();
        assertThat(notification.getMessageId()).isNull();
        assertThat(notification.getActions().get(0).getTarget()).isEmpty();
        assertThat(notification.getActions().get(0).getData()).isEmpty();
    }

    @Test
    void shouldNotNotifyAForegroundJobWhoseCallerWasAttached() {
        JobState foreground = JobState.newBuilder(completed).setMode(JobMode.FOREGROUND).build();

        assertThat(policy.decide(foreground, JobViewers.none(), false, end))
                .isEqualTo(new NotificationDecision.Suppress(SuppressionReason.FOREGROUND));
    }

    @Test
    void shouldNotNotifyAJobWithoutUser() {
        JobState anonymous = JobState.newBuilder(completed).setUserId("").build();

        assertThat(policy.decide(anonymous, JobViewers.none(), false, end))
                .isEqualTo(new NotificationDecision.Suppress(SuppressionReason.NO_USER));
    }

    @Test
    void shouldNotNotifyWhenAViewerWasWatchingAtTheEndBoundsIncluded() {
        List<JobViewers> watching = List.of(
                JobViewers.none().with(tab.joined(end.minusSeconds(5), end.plusSeconds(25))),
                JobViewers.none().with(tab.joined(end, end.plusSeconds(30))),
                JobViewers.none().with(tab.joined(end.minusSeconds(30), end)),
                JobViewers.none().with(tab.joined(end.minusSeconds(5), end.plusSeconds(25))).with(tab.left(end)));

        for (JobViewers viewers : watching) {
            assertThat(policy.decide(completed, viewers, false, end)).as(viewers.toString())
                    .isEqualTo(new NotificationDecision.Suppress(SuppressionReason.WATCHED));
        }
    }

    @Test
    void shouldNotifyWhenNoConnectionWasOpenAtTheEnd() {
        List<JobViewers> away = List.of(
                JobViewers.none().with(tab.joined(end.minusSeconds(5), end.plusSeconds(25))).with(tab.left(end.minusMillis(1))),
                JobViewers.none().with(tab.joined(end.minusSeconds(30), end.minusMillis(1))),
                JobViewers.none().with(tab.joined(end.plusMillis(1), end.plusSeconds(30))));

        for (JobViewers viewers : away) {
            assertThat(policy.decide(completed, viewers, false, end)).as(viewers.toString())
                    .isInstanceOf(NotificationDecision.Notify.class);
        }
    }

    @Test
    void shouldNotNotifyForAMutedThread() {
        assertThat(policy.decide(completed, JobViewers.none(), true, end))
                .isEqualTo(new NotificationDecision.Suppress(SuppressionReason.MUTED));
    }

    @Test
    void shouldGiveTheFirstReasonThatHoldsInTheDocumentedOrder() {
        JobViewers watching = JobViewers.none().with(tab.joined(end, end.plusSeconds(30)));
        JobState foreground = JobState.newBuilder(completed).setMode(JobMode.FOREGROUND).build();
        JobState anonymous = JobState.newBuilder(completed).setUserId("").build();

        assertThat(policy.decide(foreground, watching, true, end))
                .isEqualTo(new NotificationDecision.Suppress(SuppressionReason.FOREGROUND));
        assertThat(policy.decide(anonymous, watching, true, end))
                .isEqualTo(new NotificationDecision.Suppress(SuppressionReason.NO_USER));
        assertThat(policy.decide(completed, watching, true, end))
                .isEqualTo(new NotificationDecision.Suppress(SuppressionReason.WATCHED));
    }

    @Test
    void shouldRefuseToDecideForAJobThatHasNotEnded() {
        JobState streaming = JobStates.folded(job, job.started(), job.text(1, "Hi"));

        assertThatIllegalArgumentException().isThrownBy(() -> policy.decide(streaming, JobViewers.none(), false, end));
    }

    private static Notification notified(NotificationDecision decision) {
        assertThat(decision).isInstanceOf(NotificationDecision.Notify.class);
        return ((NotificationDecision.Notify) decision).notification();
    }
}
