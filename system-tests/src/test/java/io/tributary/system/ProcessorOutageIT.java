package io.tributary.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tributary.schema.JobState;
import io.tributary.schema.JobStatus;
import io.tributary.schema.Notification;
import io.tributary.simulator.SimulatedReply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The processor is not on the viewer's path. While it is frozen (SIGSTOP) or dead (SIGKILL) for 30 s,
 * jobs started meanwhile are attached at once, streamed to their end with exact content, asked for
 * their status and aborted, all through the gateway's directory of started jobs and the log; once the
 * processor is back, {@code jobs.state} catches up and each unwatched job gets exactly one notification.
 */
class ProcessorOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(30);
    /** The processor's catch-up after the outage, on a loaded machine. */
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(120);

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
    void shouldServeJobsStartedWhileTheProcessorIsFrozen() throws Exception {
        serveThroughAnOutage("frozen", stack::freezeProcessor, stack::thawProcessor);
    }

    @Test
    void shouldServeJobsStartedWhileTheProcessorIsDead() throws Exception {
        serveThroughAnOutage("dead", stack::killProcessor, stack::startProcessorAgain);
    }

    /** Takes the processor away for {@link #OUTAGE}, serves a user's jobs meanwhile, then brings it back. */
    private static void serveThroughAnOutage(String name, Runnable takeAway, Runnable bringBack) throws Exception {
        TributaryClient user = TributaryClient.freshUser(stack, name);
        long outageStart = System.nanoTime();
        takeAway.run();
        Outcome outcome;
        try {
            outcome = serveJobsDuringTheOutage(user, name);
            sleepUntil(outageStart, OUTAGE);
        } finally {
            bringBack.run();
        }
        assertCaughtUpAndNotifiedOnce(user, outcome);
    }

    /** The three jobs of an outage: one watched to its end, one aborted while watched, one left alone. */
    private record Outcome(String watched, String aborted, String unwatched) {
    }

    private static Outcome serveJobsDuringTheOutage(TributaryClient user, String name) throws Exception {
        String unwatchedRequest = JobRequest.of(name + " unwatched", 20, 20).inThread("t-" + name, "m-unwatched")
                .background();
        String unwatched = user.startJob(unwatchedRequest);

        String watchedRequest = JobRequest.of(name + " watched", 40, 20).inThread("t-" + name, "m-watched").background();
        String watched = user.startJob(watchedRequest);
        ViewerTranscript seen = new ViewerTranscript();
        try (SseClient viewer = user.watch(watched, null)) {
            assertThat(viewer.status()).as("a job started during the outage is attached").isEqualTo(200);
            seen.add(BackgroundJobIT.take(viewer, 3));
            HttpResponse<String> status = user.status(watched);
            assertThat(status.statusCode()).isEqualTo(200);
            assertThat(TributaryClient.JSON.readTree(status.body()).path("status").asString()).isEqualTo("streaming");
            seen.add(viewer.readToEnd(Duration.ofSeconds(30)));
        }
        assertThat(seen.terminal().path("status").asString()).isEqualTo("complete");
        assertThat(seen.content()).isEqualTo(SimulatedReply.forRequest(watchedRequest).content());

        String abortedRequest = JobRequest.of(name + " aborted", 600, 50).inThread("t-" + name, "m-aborted")
                .background();
        String aborted = user.startJob(abortedRequest);
        ViewerTranscript abortedSeen = new ViewerTranscript();
        try (SseClient viewer = user.watch(aborted, null)) {
            abortedSeen.add(BackgroundJobIT.take(viewer, 3));
            HttpResponse<String> answer = user.abort(aborted);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(TributaryClient.JSON.readTree(answer.body()).path("aborted").asBoolean()).isTrue();
            abortedSeen.add(viewer.readToEnd(Duration.ofSeconds(30)));
        }
        assertThat(abortedSeen.terminal().path("status").asString()).isEqualTo("aborted");
        assertThat(SimulatedReply.forRequest(abortedRequest).content()).startsWith(abortedSeen.content());

        jobs.awaitTerminal(unwatched, Duration.ofSeconds(30));
        assertThat(notifications.ofJob(unwatched)).as("nobody decides notifications while the processor is away")
                .isEmpty();
        return new Outcome(watched, aborted, unwatched);
    }

    private static void assertCaughtUpAndNotifiedOnce(TributaryClient user, Outcome outcome) throws Exception {
        Set<String> ids = Set.of(outcome.watched(), outcome.aborted(), outcome.unwatched());
        await().atMost(RECOVERY_BOUND).pollInterval(Duration.ofMillis(500))
                .until(() -> jobs.latestStates(ids).values().stream()
                        .filter(state -> state.getStatus() != JobStatus.STREAMING).count() == ids.size());
        Map<String, JobState> states = jobs.latestStates(ids);
        assertThat(states.get(outcome.watched()).getStatus()).isEqualTo(JobStatus.COMPLETE);
        assertThat(states.get(outcome.aborted()).getStatus()).isEqualTo(JobStatus.ABORTED);
        assertThat(states.get(outcome.unwatched()).getStatus()).isEqualTo(JobStatus.COMPLETE);

        notifications.settle(List.copyOf(ids), user);
        assertThat(notifications.ofJob(outcome.unwatched())).as("the unwatched job").hasSize(1);
        List<Notification> watchedToTheEnd = notifications.ofJob(outcome.watched());
        assertThat(watchedToTheEnd).as("a job watched to its end").isEmpty();
    }

    private static void sleepUntil(long startNanos, Duration total) throws InterruptedException {
        long left = total.toMillis() - Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
        if (left > 0) {
            Thread.sleep(left);
        }
    }
}
