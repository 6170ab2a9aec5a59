package io.tributary.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import io.tributary.schema.JobEvent;
import io.tributary.schema.Notification;
import io.tributary.schema.PresenceKind;
import io.tributary.schema.ViewerPresence;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A job's notification depends on whether a viewer was watching, on any gateway, when it ended:
 * gateway → {@code jobs.viewers} → processor → {@code notifications}.
 */
class ViewerPresenceNotificationIT {

    private static final Duration STREAM_TIMEOUT = Duration.ofSeconds(60);

    private static TributaryStack stack;
    private static JobLog jobs;
    private static NotificationLog notifications;
    private static ViewerPresenceLog presence;

    @BeforeAll
    static void startStack() throws Exception {
        stack = TributaryStack.shared();
        jobs = new JobLog(stack);
        notifications = new NotificationLog(stack);
        presence = new ViewerPresenceLog(stack);
    }

    @Test
    void shouldNotNotifyAJobItsViewerWatchedToTheEnd() throws Exception {
        TributaryClient erin = TributaryClient.freshUser(stack, "erin");
        String jobId = erin.startJob(JobRequest.of("watched to the end", 40, 50).inThread("watched", "watched-message"));

        ViewerTranscript seen = new ViewerTranscript();
        try (SseClient viewer = erin.watch(jobId, null)) {
            assertThat(viewer.status()).isEqualTo(200);
            seen.add(viewer.readToEnd(STREAM_TIMEOUT));
        }

        assertThat(seen.terminal().path("status").asString()).isEqualTo("complete");
        assertThat(notifications.settledFor(jobId, erin)).as("no notification for a job its viewer saw end").isEmpty();
        assertThat(ViewerPresenceLog.ofKind(presence.of(jobId), PresenceKind.JOINED))
                .as("the viewer's connection was published").hasSize(1);
    }

    @Test
    void shouldNotifyOnceWhenTheViewerLeftBeforeTheEnd() throws Exception {
        TributaryClient frank = TributaryClient.freshUser(stack, "frank");
        String jobId = frank.startJob(JobRequest.of("left early", 100, 50).inThread("left-early", "left-message"));

        try (SseClient viewer = frank.watch(jobId, null)) {
            assertThat(viewer.status()).isEqualTo(200);
            BackgroundJobIT.take(viewer, 5);
        }

        JobEvent terminal = jobs.awaitTerminal(jobId, STREAM_TIMEOUT);
        List<Notification> notified = notifications.settledFor(jobId, frank);
        List<ViewerPresence> left = ViewerPresenceLog.ofKind(presence.of(jobId), PresenceKind.LEFT);
        assertThat(left).as("the gateway published the viewer's leaving").hasSize(1);
        assertThat(left.get(0).getAt()).as("the viewer left before the job ended").isBefore(terminal.getTimestamp());
        assertThat(notified).as("one notification for a job that ended unwatched").hasSize(1);
    }

    @Test
    void shouldNotifyOnceWhenTheViewersGatewayDiedAndItsLeaseRanOutBeforeTheEnd() throws Exception {
        TributaryClient gina = TributaryClient.freshUser(stack, "gina").on(stack.secondGateway());
        // 10 s of streaming: the gateway dies after about half a second, its last lease runs out
        // PRESENCE_LEASE (3 s) after its last renewal, long before the job ends.
        String jobId = gina.startJob(JobRequest.of("gateway dies", 200, 50).inThread("gateway-dies", "dies-message"));

        try {
            try (SseClient viewer = gina.watch(jobId, null)) {
                assertThat(viewer.status()).isEqualTo(200);
                BackgroundJobIT.take(viewer, 10);
                stack.secondGateway().kill();
            }

            JobEvent terminal = jobs.awaitTerminal(jobId, STREAM_TIMEOUT);
            List<Notification> notified = notifications.settledFor(jobId, gina);
            List<ViewerPresence> published = presence.of(jobId);
            assertThat(ViewerPresenceLog.ofKind(published, PresenceKind.JOINED)).hasSize(1);
            assertThat(ViewerPresenceLog.ofKind(published, PresenceKind.LEFT)).as("a killed gateway says nothing more").isEmpty();
            Instant leaseEnd = published.stream().map(ViewerPresence::getExpiresAt).max(Comparator.naturalOrder()).orElseThrow();
            assertThat(leaseEnd).as("the viewer's last lease ran out before the job ended").isBefore(terminal.getTimestamp());
            assertThat(notified).as("one notification: nobody was watching any more").hasSize(1);
        } finally {
            if (!stack.secondGateway().isAlive()) {
                stack.secondGateway().startAgain();
            }
        }
    }

    @Test
    void shouldNotNotifyAForegroundJob() throws Exception {
        TributaryClient ivan = TributaryClient.freshUser(stack, "ivan");

        String jobId = ivan.runForegroundJob(JobRequest.of("foreground", 20, 10).inThread("foreground", "fg-message"));

        assertThat(notifications.settledFor(jobId, ivan))
                .as("a foreground caller saw the whole reply itself").isEmpty();
    }
}
