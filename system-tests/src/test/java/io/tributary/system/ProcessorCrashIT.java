package io.tributary.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.tributary.schema.JobEvent;
import io.tributary.schema.JobEventType;
import io.tributary.schema.JobState;
import io.tributary.schema.JobStatus;
import io.tributary.simulator.SimulatedReply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Exactly-once folding survives a processor that dies with SIGKILL while many jobs stream. */
class ProcessorCrashIT {

    private static final int JOBS = 16;

    private static TributaryStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        stack = TributaryStack.shared();
    }

    @Test
    void shouldFoldEveryJobExactlyWhenTheProcessorIsKilledMidStreamAndRestarted() throws Exception {
        TributaryClient bob = new TributaryClient(stack, "bob");
        Map<String, String> requests = new HashMap<>();
        for (int i = 0; i < JOBS; i++) {
            String request = TributaryClient.backgroundRequest("crash " + i, 150, 60);
            requests.put(bob.startJob(request), request);
        }
        Thread.sleep(1_200);

        stack.killProcessor();
        Thread.sleep(1_000);
        stack.startProcessorAgain();

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> finishedStates(requests.keySet()).size() == JOBS);

        Map<String, JobState> states = finishedStates(requests.keySet());
        Map<String, List<JobEvent>> events = new JobLog(stack).eventsByJob();
        for (Map.Entry<String, String> job : requests.entrySet()) {
            JobState state = states.get(job.getKey());
            List<JobEvent> textDeltas = events.get(job.getKey()).stream()
                    .filter(event -> event.getType() == JobEventType.TEXT_DELTA)
                    .toList();
            String concatenation = textDeltas.stream().map(JobEvent::getText).collect(Collectors.joining());

            assertThat(state.getStatus()).as("job %s", job.getKey()).isEqualTo(JobStatus.COMPLETE);
            assertThat(state.getContent()).as("job %s, byte for byte", job.getKey())
                    .isEqualTo(concatenation)
                    .isEqualTo(SimulatedReply.forRequest(job.getValue()).content());
            assertThat(state.getChunksReceived()).as("no delta of job %s folded twice", job.getKey())
                    .isEqualTo(textDeltas.size());
        }
    }

    private static Map<String, JobState> finishedStates(Set<String> jobIds) {
        Map<String, JobState> states = new JobLog(stack).latestStates(jobIds);
        states.values().removeIf(state -> state.getStatus() == JobStatus.STREAMING);
        return states;
    }
}
