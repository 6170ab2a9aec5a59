package io.tributary.bench.throughput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The steady window, the rates over it and the latency by third, from write and read times. */
class StepDeliveryTest {

    private static final long MS = 1_000_000;

    @Test
    void shouldMeasureOverTheWindowWhereEveryJobStreams() {
        // Job a writes at 0..90 ms, job b at 30..120 ms, a chunk every 10 ms: every job streams from 30 to 90 ms.
        ChunkTimes a = job(10, 0, 10, 5);
        ChunkTimes b = job(10, 30, 10, 5);

        StepDelivery delivery = StepDelivery.of(List.of(a, b));

        assertThat(delivery.windowSeconds()).isCloseTo(0.060, within(1e-9));
        // 7 writes of each job in [30, 90] ms; read 5 ms later, 6 of each in it (35 to 85 ms).
        assertThat(delivery.offeredRate()).isCloseTo(14 / 0.060, within(1e-6));
        assertThat(delivery.deliveredRate()).isCloseTo(12 / 0.060, within(1e-6));
        assertThat(delivery.latency().count()).isEqualTo(20);
        assertThat(delivery.latency().p50()).isCloseTo(5, within(0.01));
        assertThat(delivery.lastWriteNanos()).isEqualTo(120 * MS);
    }

    @Test
    void shouldSeeLatencyGrowFromTheFirstThirdToTheLast() {
        ChunkTimes growing = new ChunkTimes(30);
        for (int i = 0; i < 30; i++) {
            growing.written(i, i * 10 * MS);
            growing.chunkRead(i, i * 10 * MS, i * 10 * MS + (i + 1) * MS, true);
        }

        StepDelivery delivery = StepDelivery.of(List.of(growing));

        assertThat(delivery.firstThird().p50()).isLessThan(11);
        assertThat(delivery.lastThird().p50()).isGreaterThan(20);
    }

    @Test
    void shouldNotTimeAChunkReadBackByTheCatchUp() {
        ChunkTimes job = new ChunkTimes(2);
        job.written(0, 0);
        job.written(1, 10 * MS);
        job.chunkRead(0, 0, 500 * MS, false);
        job.chunkRead(1, 10 * MS, 501 * MS, true);

        assertThat(StepDelivery.of(List.of(job)).latency().count()).isEqualTo(1);
    }

    @Test
    void shouldHaveNoWindowWhenTheJobsNeverStreamedAtOnce() {
        StepDelivery delivery = StepDelivery.of(List.of(job(3, 0, 10, 1), job(3, 100, 10, 1)));

        assertThat(delivery.windowSeconds()).isZero();
        assertThat(delivery.deliveredRate()).isZero();
    }

    /** A job of {@code chunks} chunks, written every {@code everyMs} from {@code fromMs}, each read {@code lagMs} later. */
    private static ChunkTimes job(int chunks, long fromMs, long everyMs, long lagMs) {
        ChunkTimes job = new ChunkTimes(chunks);
        for (int i = 0; i < chunks; i++) {
            long written = (fromMs + i * everyMs) * MS;
            job.written(i, written);
            job.chunkRead(i, written, written + lagMs * MS, true);
        }
        return job;
    }
}
