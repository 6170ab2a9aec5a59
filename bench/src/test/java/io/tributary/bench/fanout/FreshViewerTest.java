package io.tributary.bench.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.tributary.bench.WriteTimes;
import io.tributary.bench.sse.SseEvent;
import io.tributary.bench.sse.StreamRefusedException;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The checks of one fresh viewer: snapshot, then dense ids and the upstream's content to a complete end. */
class FreshViewerTest {

    private static final List<String> DELTAS = List.of("Hé", "llo", " 👋");
    private final WriteTimes writeTimes = new WriteTimes();
    private final DeliveryTimes times = new DeliveryTimes();
    private final Histogram attach = new Histogram(3);
    private WatchedJob job;
    private FreshViewer viewer;

    @BeforeEach
    void attach() {
        writeTimes.register("p", DELTAS.size());
        job = new WatchedJob("p", "job-1", "token", DELTAS, writeTimes);
        viewer = new FreshViewer(job, times, attach);
        viewer.requested(0);
        viewer.opened(100);
    }

    @Test
    void shouldPassFromASnapshotThroughDenseDeltasToTheCompleteContentTimingOnlyTheChunksAfterTheSnapshot() {
        writeTimes.chunkWritten("p", 0, 50);
        writeTimes.chunkWritten("p", 1, 1_000_000);
        writeTimes.chunkWritten("p", 2, 2_000_000);
        viewer.onEvent(snapshot(1, "Hé", 500_000));
        viewer.onEvent(delta(2, "llo", 5, 3_000_000));
        viewer.onEvent(delta(3, " 👋", 8, 4_000_000));
        viewer.onEvent(terminal(4, "complete", "Héllo 👋"));
        viewer.ended();

        assertThat(viewer.failures()).isEmpty();
        assertThat(viewer.chunksRead()).isEqualTo(3);
        assertThat(viewer.deltasTimed()).isEqualTo(2);
        assertThat(times.all().getTotalCount()).isEqualTo(2);
        assertThat(times.all().valuesAreEquivalent(times.all().getMaxValue(), 2_000)).isTrue();
        assertThat(attach.getTotalCount()).isEqualTo(1);
    }

    @Test
    void shouldCountOnlyDeltasWrittenOnceEveryViewerWasAttachedAsFullFanOut() {
        writeTimes.chunkWritten("p", 1, 1_000_000);
        writeTimes.chunkWritten("p", 2, 2_000_000);
        times.fullFanOutFrom(1_500_000);
        viewer.onEvent(snapshot(1, "Hé", 500_000));
        viewer.onEvent(delta(2, "llo", 5, 3_000_000));
        viewer.onEvent(delta(3, " 👋", 8, 4_000_000));

        assertThat(times.all().getTotalCount()).isEqualTo(2);
        assertThat(times.fullFanOut().getTotalCount()).isEqualTo(1);
        assertThat(times.fullFanOutReads()).isEqualTo(1);
    }

    @Test
    void shouldFailWhenTheFirstMessageIsNotASnapshot() {
        viewer.onEvent(delta(1, "Hé", 2, 0));

        assertThat(viewer.failures()).singleElement().asString().contains("not a snapshot");
    }

    @Test
    void shouldFailOnAGapAfterTheSnapshot() {
        viewer.onEvent(snapshot(1, "Hé", 0));
        viewer.onEvent(delta(3, "llo", 5, 0));

        assertThat(viewer.failures()).singleElement().asString().contains("gap");
    }

    @Test
    void shouldFailOnADuplicate() {
        viewer.onEvent(snapshot(1, "Hé", 0));
        viewer.onEvent(delta(2, "llo", 5, 0));
        viewer.onEvent(delta(2, "llo", 5, 0));

        assertThat(viewer.failures()).anyMatch(failure -> failure.contains("duplicate"));
    }

    @Test
    void shouldFailWhenADeltaDiffersFromTheUpstreamsContent() {
        viewer.onEvent(snapshot(1, "Hé", 0));
        viewer.onEvent(delta(2, "LLO", 5, 0));

        assertThat(viewer.failures()).anyMatch(failure -> failure.contains("differs"));
    }

    @Test
    void shouldFailWhenTheSnapshotIsNotAPrefixOfTheUpstreamsContent() {
        viewer.onEvent(snapshot(1, "Ha", 0));

        assertThat(viewer.failures()).singleElement().asString().contains("not a prefix");
    }

    @Test
    void shouldFailWhenTheStreamEndsWithoutACompleteStatus() {
        viewer.onEvent(snapshot(1, "Hé", 0));
        viewer.ended();

        assertThat(viewer.failures()).singleElement().asString().contains("without a complete status");
    }

    @Test
    void shouldFailWhenTheJobEndsOtherwiseThanComplete() {
        viewer.onEvent(snapshot(1, "Hé", 0));
        viewer.onEvent(terminal(2, "error", "Hé"));

        assertThat(viewer.failures()).anyMatch(failure -> failure.contains("ended error"));
    }

    @Test
    void shouldPassAViewerThatAttachedAfterTheJobEnded() {
        viewer.onEvent(new SseEvent("4", "{\"event\":\"snapshot\",\"status\":{\"status\":\"complete\",\"content\":\"Héllo 👋\"}}", 0));
        viewer.ended();

        assertThat(viewer.failures()).isEmpty();
        assertThat(viewer.chunksRead()).isEqualTo(3);
    }

    @Test
    void shouldRecordARefusalWithItsStatus() {
        viewer.failed(new StreamRefusedException("http://gateway/stream", 429));

        assertThat(viewer.refusedWith()).isEqualTo(429);
        assertThat(viewer.isSettled()).isTrue();
        assertThat(viewer.failures()).singleElement().asString().contains("429");
    }

    @Test
    void shouldDecodeAMessageSharedByViewersOnceAndStillCheckEachViewersOwnContent() {
        FreshViewer other = new FreshViewer(job, times, attach);
        other.opened(100);
        viewer.onEvent(snapshot(1, "Hé", 0));
        other.onEvent(snapshot(1, "Hé", 0));
        SseEvent shared = delta(2, "llo", 5, 0);

        viewer.onEvent(shared);
        other.onEvent(shared);

        assertThat(job.decode(2, shared.data())).isSameAs(job.decode(2, shared.data()));
        assertThat(viewer.failures()).isEmpty();
        assertThat(other.failures()).isEmpty();
        assertThat(viewer.chunksRead()).isEqualTo(2);
        assertThat(other.chunksRead()).isEqualTo(2);
    }

    private static SseEvent snapshot(long id, String content, long receivedNanos) {
        String json = "{\"event\":\"snapshot\",\"status\":{\"status\":\"streaming\",\"content\":\"" + content + "\"}}";
        return new SseEvent(Long.toString(id), json, receivedNanos);
    }

    private static SseEvent delta(long id, String content, int length, long receivedNanos) {
        String json = "{\"event\":\"delta\",\"status\":{\"status\":\"streaming\",\"content_delta\":\"" + content
                + "\",\"content_length\":" + length + "}}";
        return new SseEvent(Long.toString(id), json, receivedNanos);
    }

    private static SseEvent terminal(long id, String status, String content) {
        String json = "{\"event\":\"status\",\"status\":{\"status\":\"" + status + "\",\"content\":\"" + content + "\"}}";
        return new SseEvent(Long.toString(id), json, 0);
    }
}
