package io.tributary.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tributary.schema.FailureReason;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobState;
import io.tributary.schema.JobStatus;
import io.tributary.simulator.SimulatedReply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Jobs of an ingest instance killed with SIGKILL still end, once its lease has expired, with their partial content. */
class IngestCrashIT {

    private static final int JOBS = 6;
    /** Lease 3 s + grace 1 s + sweep 0.5 s + commit 1 s, with room for a loaded machine. */
    private static final Duration ORPHAN_BOUND = Duration.ofSeconds(30);

    private static TributaryStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        stack = TributaryStack.shared();
    }

    @Test
    void shouldEndEveryJobOfAKilledIngestAsInterruptedKeepingItsPartialContent() throws Exception {
        TributaryClient carol = new TributaryClient(stack, "carol");
        Map<String, String> requests = new HashMap<>();
        for (int i = 0; i < JOBS; i++) {
            String request = TributaryClient.backgroundRequest("ingest crash " + i, 400, 50);
            requests.put(carol.startJob(request), request);
        }
        Thread.sleep(1_500);

        stack.killIngest();
        try {
            await().atMost(ORPHAN_BOUND).pollInterval(Duration.ofMillis(500))
                    .until(() -> endedStates(requests.keySet()).size() == JOBS);
        } finally {
            stack.startIngestAgain();
        }

        Map<String, JobState> states = endedStates(requests.keySet());
        Map<String, List<JobEvent>> events = new JobLog(stack).eventsByJob();
        for (Map.Entry<String, String> job : requests.entrySet()) {
            JobState state = states.get(job.getKey());
            List<JobEvent> jobEvents = events.get(job.getKey());
            String streamed = JobLog.textOf(jobEvents);

            assertThat(state.getStatus()).as("job %s", job.getKey()).isEqualTo(JobStatus.ERROR);
            assertThat(state.getFailure().getReason()).isEqualTo(FailureReason.INTERRUPTED);
            assertThat(state.getContent()).as("the partial content is kept").isEqualTo(streamed).isNotEmpty();
            assertThat(SimulatedReply.forRequest(job.getValue()).content()).startsWith(state.getContent());
            assertThat(jobEvents.stream().filter(JobLog::isTerminal).count())
                    .as("exactly one terminal event for job %s", job.getKey()).isEqualTo(1);
        }
    }

    private static Map<String, JobState> endedStates(Set<String> jobIds) {
        Map<String, JobState> states = new JobLog(stack).latestStates(jobIds);
        states.values().removeIf(state -> state.getStatus() == JobStatus.STREAMING);
        return states;
    }
}
