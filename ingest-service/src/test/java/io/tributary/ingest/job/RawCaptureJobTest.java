package io.tributary.ingest.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.ingest.sse.RawCapture;
import io.tributary.ingest.sse.SseLimits;
import io.tributary.ingest.testing.Fixtures;
import io.tributary.ingest.trace.JobTracing;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobEventType;
import io.tributary.schema.JobMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Raw capture, fed by hand: the {@code raw} fields of a job's events, in seq order, are the upstream's
 * bytes as they came, each event holding the bytes that led to it; with capture off no event has any.
 */
class RawCaptureJobTest {

    private final RecordingPublisher publisher = new RecordingPublisher();
    private final JobRegistry registry = new JobRegistry();

    static List<String> fixtureNames() {
        return Fixtures.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtureNames")
    void shouldGiveBackEveryTranscriptExactlyWhenFedWhole(String fixture) {
        IngestJob job = start(true);
        byte[] transcript = Fixtures.transcript(fixture);

        job.onUpstreamBytes(transcript);
        job.onUpstreamEnd();

        assertThat(new String(captured(), StandardCharsets.UTF_8)).isEqualTo(new String(transcript, StandardCharsets.UTF_8));
        assertThat(captured()).isEqualTo(transcript);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtureNames")
    void shouldGiveBackEveryTranscriptFedInThreeByteReads(String fixture) {
        IngestJob job = start(true);
        byte[] transcript = Fixtures.transcript(fixture);

        for (int at = 0; at < transcript.length; at += 3) {
            job.onUpstreamBytes(Arrays.copyOfRange(transcript, at, Math.min(transcript.length, at + 3)));
        }
        job.onUpstreamEnd();

        if (endsWithCrlfSplitAcrossReads(transcript, 3)) {
            // The terminal event is written at the CR; the LF comes in a read after it, which is never parsed.
            assertThat(captured()).isEqualTo(Arrays.copyOf(transcript, transcript.length - 1));
        } else {
            assertThat(captured()).isEqualTo(transcript);
        }
    }

    @Test
    void shouldGiveEachEventTheBytesThatLedToIt() {
        IngestJob job = start(true);
        String keepAlive = ": OPENROUTER PROCESSING\r\n\r\n";
        String first = "data: {\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}\r\n\r\n";
        String second = "data: {\"choices\":[{\"delta\":{\"content\":\"lo\"}}]}\r\n\r\n";

        job.onUpstreamBytes((keepAlive + first + second.substring(0, 10)).getBytes(StandardCharsets.UTF_8));
        job.onUpstreamBytes(second.substring(10).getBytes(StandardCharsets.UTF_8));

        assertThat(publisher.events).extracting(JobEvent::getType)
                .containsExactly(JobEventType.STARTED, JobEventType.TEXT_DELTA, JobEventType.TEXT_DELTA);
        assertThat(text(publisher.events.get(0).getRaw())).as("nothing came before the start").isEmpty();
        assertThat(text(publisher.events.get(1).getRaw())).as("the keep-alive goes with the next event")
                .isEqualTo(keepAlive + first);
        assertThat(text(publisher.events.get(2).getRaw())).isEqualTo(second);
    }

    @Test
    void shouldGiveAnAbortTheBytesOfAnEventCutOffMidway() {
        IngestJob job = start(true);
        String partial = "data: {\"choices\":[{\"delta\":{\"con";

        job.onUpstreamBytes(partial.getBytes(StandardCharsets.UTF_8));
        job.abort(AbortSource.COMMAND, "user");

        JobEvent aborted = publisher.events.get(publisher.events.size() - 1);
        assertThat(aborted.getType()).isEqualTo(JobEventType.ABORTED);
        assertThat(text(aborted.getRaw())).isEqualTo(partial);
    }

    @Test
    void shouldKeepNoBytesWhenCaptureIsOff() {
        IngestJob job = start(false);

        job.onUpstreamBytes(Fixtures.transcript(Fixtures.names().get(0)));
        job.onUpstreamEnd();

        assertThat(publisher.events).hasSizeGreaterThan(2).allSatisfy(event -> assertThat(event.getRaw()).isNull());
    }

    @Test
    void shouldMarkBytesDroppedOverTheLimitAndGoOn() {
        IngestJob job = start(true);
        byte[] oversizedComment = (":" + "x".repeat(RawCapture.MAX_PENDING_BYTES) + "\n").getBytes(StandardCharsets.UTF_8);
        String next = "data: {\"choices\":[{\"delta\":{\"content\":\"after\"}}]}\n\n";

        job.onUpstreamBytes(oversizedComment);
        job.onUpstreamBytes(next.getBytes(StandardCharsets.UTF_8));

        JobEvent delta = publisher.events.get(1);
        assertThat(delta.getText()).isEqualTo("after");
        assertThat(text(delta.getRaw()))
                .isEqualTo(": tributary dropped " + oversizedComment.length + " upstream bytes over the raw capture's limit\n" + next);
    }

    private IngestJob start(boolean captureRaw) {
        IngestJob.JobParts parts = new IngestJob.JobParts(publisher, registry,
                new JobMetrics(new SimpleMeterRegistry(), registry), 100_000, new SseLimits(1 << 20, 1 << 20),
                Clock.systemUTC(), InstanceLiveness.always("ingest-test"), captureRaw, JobTracing.PASS_THROUGH);
        IngestJob job = new IngestJob("job-1", new JobSpec("user-1", "thread-1", "message-1", "m", JobMode.BACKGROUND),
                "ingest-test", parts);
        registry.add(job);
        job.writeStarted();
        return job;
    }

    private byte[] captured() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (JobEvent event : publisher.events) {
            ByteBuffer raw = event.getRaw().duplicate();
            byte[] bytes = new byte[raw.remaining()];
            raw.get(bytes);
            all.writeBytes(bytes);
        }
        return all.toByteArray();
    }

    private static String text(ByteBuffer raw) {
        ByteBuffer copy = raw.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static boolean endsWithCrlfSplitAcrossReads(byte[] transcript, int readSize) {
        int n = transcript.length;
        return n >= 2 && transcript[n - 2] == '\r' && transcript[n - 1] == '\n' && (n - 1) % readSize == 0;
    }
}
