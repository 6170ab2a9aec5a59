package io.tributary.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import io.tributary.gateway.support.TestEvents;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobState;
import io.tributary.schema.LogPosition;
import io.tributary.schema.fold.JobFold;
import org.junit.jupiter.api.Test;

class JobStatesTest {

    private static final Instant T0 = Instant.parse("2026-02-01T09:00:00Z");

    private final JobStates states = new JobStates();

    @Test
    void shouldListAUsersJobsNewestFirstAndNoOneElses() {
        JobState older = started("a", "alice", 1);
        JobState newer = started("b", "alice", 2);
        JobState bobs = started("c", "bob", 3);

        List.of(older, bobs, newer).forEach(states::put);

        assertThat(ids(states.ofUser("alice"))).containsExactly("b", "a");
        assertThat(ids(states.ofUser("bob"))).containsExactly("c");
        assertThat(states.ofUser("carol")).isEmpty();
    }

    @Test
    void shouldListTheLatestStateOfAJobOnce() {
        states.put(started("a", "alice", 1));
        JobState completed = fold(new TestEvents("a", T0.plusSeconds(1)), "alice", true);

        states.put(completed);

        assertThat(states.ofUser("alice")).containsExactly(completed);
    }

    @Test
    void shouldForgetATombstonedJobAndAUserWithoutJobs() {
        states.put(started("a", "alice", 1));
        states.put(started("b", "alice", 2));

        states.remove("a");
        assertThat(ids(states.ofUser("alice"))).containsExactly("b");
        states.remove("b");
        states.remove("never-seen");

        assertThat(states.ofUser("alice")).isEmpty();
        assertThat(states.users()).isZero();
        assertThat(states.size()).isZero();
    }

    @Test
    void shouldFollowAJobWhoseStateNamesAnotherUser() {
        states.put(started("a", "alice", 1));

        states.put(started("a", "bob", 1));

        assertThat(states.ofUser("alice")).isEmpty();
        assertThat(ids(states.ofUser("bob"))).containsExactly("a");
        assertThat(states.users()).isEqualTo(1);
    }

    @Test
    void shouldBreakTiesOfTheStartTimeByJobId() {
        states.put(started("b", "alice", 1));
        states.put(started("a", "alice", 1));

        assertThat(ids(states.ofUser("alice"))).containsExactly("a", "b");
    }

    private static JobState started(String jobId, String userId, int secondsAfterT0) {
        return fold(new TestEvents(jobId, T0.plusSeconds(secondsAfterT0)), userId, false);
    }

    private static JobState fold(TestEvents job, String userId, boolean completed) {
        JobFold fold = JobFold.empty(job.jobId());
        List<JobEvent> events = completed ? List.of(job.started(userId), job.completed(1)) : List.of(job.started(userId));
        for (int i = 0; i < events.size(); i++) {
            fold.apply(events.get(i), new LogPosition(0, (long) i));
        }
        return fold.toState();
    }

    private static List<String> ids(List<JobState> jobs) {
        return jobs.stream().map(JobState::getJobId).toList();
    }
}
