package io.tributary.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.tributary.bench.WriteTimes;
import io.tributary.bench.sse.SseEvent;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The correctness checks of one viewer: a run with a gap, a duplicate or other content fails. */
class ViewedJobTest {

    private static final List<String> DELTAS = List.of("Hé", "llo", " 👋");
    private final WriteTimes writeTimes = new WriteTimes();
    private final Histogram latency = new Histogram(3);
    private ViewedJob job;

    @BeforeEach
    void viewFromEventZero() {
        writeTimes.register("p", DELTAS.size());
        job = new ViewedJob("p", DELTAS, 0, writeTimes, latency, 0);
        job.opened(100);
    }

    @Test
    void shouldPassAndTimeEveryChunkWhenIdsAreDenseAndContentIsTheUpstreams() {
        for (int i = 0; i < DELTAS.size(); i++) {
            writeTimes.chunkWritten("p", i, 1_000_000L * (i + 1));
            job.onEvent(delta(i + 1, DELTAS.get(i), 1_000_000L * (i + 1) + 3_000_000));
        }
        job.onEvent(terminal(4, "complete", "Héllo 👋"));
        job.ended();

        assertThat(job.failures()).isEmpty();
        assertThat(job.chunksRead()).isEqualTo(3);
        assertThat(job.timedChunks()).isEqualTo(3);
        assertThat(latency.getTotalCount()).isEqualTo(3);
        assertThat(latency.valuesAreEquivalent(latency.getMaxValue(), 3_000)).isTrue();
    }

    @Test
    void shouldTakeTheSnapshotOfAFreshAttachAsTheContentSoFarAndGoOnAfterItsId() {
        ViewedJob fresh = new ViewedJob("p", DELTAS, ViewedJob.FRESH_ATTACH, writeTimes, latency, 0);
        fresh.opened(100);

        fresh.onEvent(new SseEvent("1", "{\"event\":\"snapshot\",\"status\":{\"status\":\"streaming\",\"content\":\"Hé\"}}", 500));
        fresh.onEvent(delta(2, "llo", 700));
        fresh.onEvent(delta(3, " 👋", 900));
        fresh.onEvent(terminal(4, "complete", "Héllo 👋"));
        fresh.ended();

        assertThat(fresh.failures()).isEmpty();
        assertThat(fresh.chunksRead()).isEqualTo(3);
        assertThat(fresh.timeToFirstTokenNanos()).isEqualTo(500);
    }

    @Test
    void shouldFailAFreshAttachThatDoesNotBeginWithASnapshot() {
        ViewedJob fresh = new ViewedJob("p", DELTAS, ViewedJob.FRESH_ATTACH, writeTimes, latency, 0);

        fresh.onEvent(delta(1, "Hé", 0));

        assertThat(fresh.failures()).anyMatch(failure -> failure.contains("not a snapshot"));
    }

    @Test
    void shouldFailOnAGap() {
        job.onEvent(delta(1, "Hé", 0));
        job.onEvent(delta(3, "llo", 0));

        assertThat(job.failures()).singleElement().asString().contains("gap");
    }

    @Test
    void shouldFailOnADuplicate() {
        job.onEvent(delta(1, "Hé", 0));
        job.onEvent(delta(1, "Hé", 0));

        assertThat(job.failures()).anyMatch(failure -> failure.contains("duplicate"));
    }

    @Test
    void shouldFailWhenTheContentDiffersFromTheUpstreams() {
        job.onEvent(delta(1, "Ha", 0));
        job.onEvent(delta(2, "llo", 0));
        job.onEvent(delta(3, " 👋", 0));
        job.onEvent(terminal(4, "complete", "Hallo 👋"));

        assertThat(job.failures()).anyMatch(failure -> failure.contains("differs"));
    }

    @Test
    void shouldFailWhenTheStreamEndsWithoutACompleteStatus() {
        job.onEvent(delta(1, "Hé", 0));
        job.ended();

        assertThat(job.failures()).singleElement().asString().contains("without a complete status");
    }

    @Test
    void shouldNotTimeAChunkWrittenBeforeTheViewerWasAttached() {
        writeTimes.chunkWritten("p", 0, 50);

        job.onEvent(delta(1, "Hé", 200));

        assertThat(job.chunksRead()).isEqualTo(1);
        assertThat(job.timedChunks()).isZero();
    }

    @Test
    void shouldTellItsListenerOfEveryChunkReadAndWhetherItWasStreamed() {
        List<String> reads = new ArrayList<>();
        ViewedJob listened = new ViewedJob("p", DELTAS, 0, writeTimes,
                (index, written, read, live) -> reads.add(index + "@" + read + (live ? " live" : " catch-up")), 0);
        listened.opened(100);
        writeTimes.chunkWritten("p", 0, 50);
        writeTimes.chunkWritten("p", 1, 150);

        listened.onEvent(delta(1, "Hé", 200));
        listened.onEvent(delta(2, "llo", 300));

        assertThat(reads).containsExactly("0@200 catch-up", "1@300 live");
    }

    private static SseEvent delta(long id, String content, long receivedNanos) {
        String json = "{\"event\":\"delta\",\"status\":{\"status\":\"streaming\",\"content_delta\":\"" + content + "\"}}";
        return new SseEvent(Long.toString(id), json, receivedNanos);
    }

    private static SseEvent terminal(long id, String status, String content) {
        String json = "{\"event\":\"status\",\"status\":{\"status\":\"" + status + "\",\"content\":\"" + content + "\"}}";
        return new SseEvent(Long.toString(id), json, 0);
    }
}
