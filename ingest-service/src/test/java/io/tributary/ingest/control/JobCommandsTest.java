package io.tributary.ingest.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.tributary.ingest.job.IngestJob;
import io.tributary.ingest.job.TestJobs;
import io.tributary.ingest.testing.ExpectedJob;
import io.tributary.schema.CommandType;
import io.tributary.schema.FailureReason;
import io.tributary.schema.JobCommand;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobEventType;
import io.tributary.schema.JobState;
import io.tributary.schema.JobStatus;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class JobCommandsTest {

    private final TestJobs jobs = new TestJobs();
    private final JobCommands commands = new JobCommands(jobs.registry(), jobs.metrics());

    @Test
    void shouldAbortTheJobWithTheCommandsReasonAndStopItsUpstream() {
        IngestJob job = jobs.start("job-1", "ann");
        job.onUpstreamBytes(content("partial"));

        assertThat(commands.apply(command("job-1", CommandType.ABORT, "user requested"))).isTrue();

        assertThat(job.stopped().block(Duration.ofSeconds(1))).isTrue();
        JobState state = ExpectedJob.fold(jobs.eventsOf("job-1"));
        ExpectedJob.assertWellFormed(jobs.eventsOf("job-1"));
        assertThat(state.getStatus()).isEqualTo(JobStatus.ABORTED);
        assertThat(state.getAbortReason()).isEqualTo("user requested");
        assertThat(state.getContent()).isEqualTo("partial");
        assertThat(jobs.meters().counter("tributary.ingest.jobs.aborted", "source", "command").count()).isEqualTo(1.0);
        assertThat(jobs.meters().counter("tributary.ingest.commands", "type", "abort", "applied", "true").count())
                .isEqualTo(1.0);
    }

    @Test
    void shouldGiveAnAbortWithoutReasonADefaultOne() {
        jobs.start("job-1", "ann");

        commands.apply(command("job-1", CommandType.ABORT, null));

        assertThat(last("job-1").getAborted().getReason()).isEqualTo("aborted");
    }

    @Test
    void shouldEndTheJobFailedTimeoutOnATimeoutCommand() {
        IngestJob job = jobs.start("job-1", "ann");
        job.onUpstreamBytes(content("partial"));

        assertThat(commands.apply(command("job-1", CommandType.TIMEOUT, "processor backstop"))).isTrue();

        JobEvent last = last("job-1");
        assertThat(last.getFailed().getReason()).isEqualTo(FailureReason.TIMEOUT);
        assertThat(last.getFailed().getMessage()).isEqualTo("Job timed out");
        assertThat(ExpectedJob.fold(jobs.eventsOf("job-1")).getContent()).isEqualTo("partial");
        assertThat(jobs.meters().counter("tributary.ingest.jobs.timeouts", "kind", "command").count()).isEqualTo(1.0);
    }

    @Test
    void shouldIgnoreCommandsForJobsThatDoNotRunHere() {
        IngestJob mine = jobs.start("job-1", "ann");

        assertThat(commands.apply(command("someone-elses", CommandType.ABORT, "user"))).isFalse();
        assertThat(commands.apply(command("someone-elses", CommandType.TIMEOUT, null))).isFalse();

        assertThat(mine.hasEnded()).isFalse();
        assertThat(jobs.eventsOf("job-1")).extracting(JobEvent::getType).containsExactly(JobEventType.STARTED);
        assertThat(jobs.meters().counter("tributary.ingest.commands", "type", "abort", "applied", "false").count())
                .isEqualTo(1.0);
    }

    @Test
    void shouldIgnoreACommandOfAnUnknownType() {
        IngestJob job = jobs.start("job-1", "ann");

        assertThat(commands.apply(command("job-1", CommandType.UNKNOWN, null))).isFalse();

        assertThat(job.hasEnded()).isFalse();
    }

    @Test
    void shouldDoNothingToAJobThatHasAlreadyEnded() {
        IngestJob job = jobs.start("job-1", "ann");
        job.onUpstreamBytes(bytes("data: [DONE]\n\n"));

        assertThat(commands.apply(command("job-1", CommandType.ABORT, "too late"))).isFalse();

        List<JobEvent> events = jobs.eventsOf("job-1");
        ExpectedJob.assertWellFormed(events);
        assertThat(last("job-1").getType()).isEqualTo(JobEventType.COMPLETED);
    }

    private JobEvent last(String jobId) {
        List<JobEvent> events = jobs.eventsOf(jobId);
        return events.get(events.size() - 1);
    }

    private static JobCommand command(String jobId, CommandType type, @Nullable String reason) {
        return JobCommand.newBuilder()
                .setJobId(jobId)
                .setType(type)
                .setReason(reason)
                .setRequestedBy("gateway-test")
                .setTimestamp(Instant.parse("2026-03-01T10:00:00Z"))
                .build();
    }

    private static byte[] content(String text) {
        return bytes("data: {\"choices\":[{\"delta\":{\"content\":\"" + text + "\"}}]}\n\n");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
