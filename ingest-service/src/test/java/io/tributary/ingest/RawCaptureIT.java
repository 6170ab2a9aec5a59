package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import io.tributary.ingest.testing.ExpectedJob;
import io.tributary.ingest.testing.Fixtures;
import io.tributary.ingest.testing.ScriptedUpstream;
import io.tributary.schema.JobEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.test.context.TestPropertySource;

/**
 * Raw capture end to end: every transcript, served by a real HTTP server whole and in small odd-sized
 * writes, comes back from the {@code raw} fields of the job's records on {@code jobs.deltas}, in seq
 * order, byte for byte (comments, CRLFs and all), while the job still folds to its expected state.
 */
@TestPropertySource(properties = "tributary.ingest.capture-raw=true")
class RawCaptureIT extends AbstractIngestIT {

    private static final int[] ODD_WRITES = {1, 3, 7, 13};

    static Stream<Arguments> transcripts() {
        return Fixtures.names().stream()
                .flatMap(name -> Stream.of(Arguments.of(name, "whole"), Arguments.of(name, "odd writes")));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("transcripts")
    void shouldKeepEachTranscriptExactlyOnTheLog(String fixture, String writes) {
        String model = uniqueModel("raw-" + fixture);
        byte[] transcript = Fixtures.transcript(fixture);
        UPSTREAM.on(model, writes.equals("whole")
                ? ScriptedUpstream.stream(transcript)
                : ScriptedUpstream.stream(transcript, ODD_WRITES));

        List<JobEvent> events = awaitEnded(startBackground("alice", body(model, background("thread-raw", "m-1"))));

        ExpectedJob.assertMatches(ExpectedJob.fold(events), Fixtures.expected(fixture));
        assertThat(events).allSatisfy(event -> assertThat(event.getRaw()).as("seq %d", event.getSeq()).isNotNull());
        byte[] captured = concatenated(events);
        if (captured.length == transcript.length - 1 && transcript[transcript.length - 1] == '\n'
                && transcript[transcript.length - 2] == '\r') {
            // The documented corner: the terminal event was written at the last blank line's CR, and its LF
            // came in a later network read, which is never parsed once the job has ended.
            assertThat(captured).isEqualTo(Arrays.copyOf(transcript, captured.length));
        } else {
            assertThat(captured).isEqualTo(transcript);
        }
    }

    private static byte[] concatenated(List<JobEvent> events) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (JobEvent event : events) {
            ByteBuffer raw = event.getRaw().duplicate();
            byte[] bytes = new byte[raw.remaining()];
            raw.get(bytes);
            all.writeBytes(bytes);
        }
        return all.toByteArray();
    }
}
