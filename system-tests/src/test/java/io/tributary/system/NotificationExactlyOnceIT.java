package io.tributary.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.tributary.schema.JobEvent;
import io.tributary.schema.Notification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A processor killed with SIGKILL around the end of jobs still notifies each of them exactly once:
 * a job that ended just before the kill (its notification perhaps written but not committed), one
 * whose end was being processed, one that ended while no processor ran at all.
 */
class NotificationExactlyOnceIT {

    private static final int JOBS = 6;
    /** Restart, the rebalance after the dead member's session (6 s here) and catching up, on a loaded machine. */
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
    void shouldNotifyEachJobExactlyOnceWhenTheProcessorIsKilledAroundTheirEnds() throws Exception {
        TributaryClient olga = TributaryClient.freshUser(stack, "olga");
        List<String> jobIds = new ArrayList<>();
        // Ends staggered from about 1 s to 6 s after the start, 1 s apart, so that some end before the
        // kill below and the last ones well after it, even when reading the log to see the first end is slow.
        for (int i = 0; i < JOBS; i++) {
            jobIds.add(olga.startJob(JobRequest.of("processor dies " + i, 20 + 20 * i, 50)
                    .inThread("crash-thread-" + i, "crash-message-" + i)));
        }
        jobs.awaitTerminal(jobIds.get(0), Duration.ofSeconds(60));

        stack.killProcessor();
        try {
            // The last job is still streaming at the kill: it ends while no processor runs.
            assertThat(jobs.terminalOf(jobIds.get(JOBS - 1))).as("the last job outlives the processor").isNull();
            for (String jobId : jobIds) {
                jobs.awaitTerminal(jobId, Duration.ofSeconds(60));
            }
        } finally {
            stack.startProcessorAgain();
        }

        for (String jobId : jobIds) {
            notifications.awaitFor(jobId, RECOVERY_BOUND);
        }
        notifications.settle(jobIds, olga);
        for (String jobId : jobIds) {
            List<Notification> notified = notifications.ofJob(jobId);
            JobEvent terminal = jobs.awaitTerminal(jobId, Duration.ofSeconds(5));
            assertThat(notified).as("notifications of job %s", jobId).hasSize(1);
            assertThat(notified.get(0).getCreatedAt()).as("dated at the job's end, not at the processor's recovery")
                    .isCloseTo(terminal.getTimestamp(), within(1, ChronoUnit.SECONDS));
        }
    }

    @Test
    void shouldNotifyAJobThatEndedWhileTheProcessorWasDownExactlyOnce() throws Exception {
        TributaryClient pia = TributaryClient.freshUser(stack, "pia");
        String jobId = pia.startJob(JobRequest.of("ends while down", 60, 50).inThread("down-thread", "down-message"));
        jobs.awaitStreaming(jobId, 5, Duration.ofSeconds(60));

        stack.killProcessor();
        JobEvent terminal;
        try {
            terminal = jobs.awaitTerminal(jobId, Duration.ofSeconds(60));
        } finally {
            stack.startProcessorAgain();
        }

        Notification notification = notifications.awaitFor(jobId, RECOVERY_BOUND);
        assertThat(notifications.settledFor(jobId, pia)).as("notifications of the job, counted after a later job's").hasSize(1);
        NotificationOutcomeIT.assertAboutTheJob(notification, pia, jobId, "down-thread", "down-message", terminal);
    }
}
