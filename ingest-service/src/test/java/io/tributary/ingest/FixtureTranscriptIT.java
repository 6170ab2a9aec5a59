package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import io.tributary.ingest.lease.LeasePublisher;
import io.tributary.ingest.testing.ExpectedJob;
import io.tributary.ingest.testing.Fixtures;
import io.tributary.ingest.testing.ScriptedUpstream;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobMode;
import io.tributary.schema.JobStarted;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every upstream transcript of the project, served by a real HTTP server whole and in small odd-sized
 * writes, started as a background job through the real endpoint, read back from {@code jobs.deltas}
 * and folded as the processor folds it: the job ends exactly as the transcript's expectation says.
 */
class FixtureTranscriptIT extends AbstractIngestIT {

    /** Odd sizes, so that writes fall inside UTF-8 sequences, CRLFs and field names. */
    private static final int[] ODD_WRITES = {1, 3, 7, 13};

    @Autowired
    private LeasePublisher lease;

    static Stream<Arguments> transcripts() {
        return Fixtures.names().stream()
                .flatMap(name -> Stream.of(Arguments.of(name, "whole"), Arguments.of(name, "odd writes")));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("transcripts")
    void shouldEndEachTranscriptInItsExpectedState(String fixture, String writes) {
        String model = uniqueModel(fixture);
        byte[] transcript = Fixtures.transcript(fixture);
        UPSTREAM.on(model, writes.equals("whole")
                ? ScriptedUpstream.stream(transcript)
                : ScriptedUpstream.stream(transcript, ODD_WRITES));

        String jobId = startBackground("alice", body(model, background("thread-" + fixture, "message-7")));
        List<JobEvent> events = awaitEnded(jobId);

        ExpectedJob.assertWellFormed(events);
        ExpectedJob.assertMatches(ExpectedJob.fold(events), Fixtures.expected(fixture));
        JobStarted started = events.get(0).getStarted();
        assertThat(started.getUserId()).isEqualTo("alice");
        assertThat(started.getThreadId()).isEqualTo("thread-" + fixture);
        assertThat(started.getMessageId()).isEqualTo("message-7");
        assertThat(started.getModel()).isEqualTo(model);
        assertThat(started.getMode()).isEqualTo(JobMode.BACKGROUND);
        // The id whose lease this instance holds: the configured one, or its next incarnation after a restart.
        assertThat(started.getIngestInstanceId()).isEqualTo(lease.instanceId()).startsWith(INSTANCE_ID);
        assertThat(events).allSatisfy(event -> assertThat(event.getJobId()).isEqualTo(jobId));
    }
}
