package io.tributary.bench.throughput;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.tributary.bench.Percentiles;
import org.HdrHistogram.Histogram;

/**
 * What the viewers of one step read against what the upstream wrote, over the step's steady window: from
 * the moment every job was streaming (the latest first write) to the moment the first job had written its
 * last chunk (the earliest last write), so that neither the jobs' staggered starts nor their ends thin the
 * rates. Latency (simulator write → viewer read) counts streamed chunks only (written after the viewer's
 * stream was open); the thirds split the window by write time, to see whether it grows.
 *
 * @param windowSeconds the steady window's length; 0 when the jobs never all streamed at once
 * @param offeredRate chunks the simulator wrote in the window, per second
 * @param deliveredRate chunks the viewers read in the window, per second
 * @param latency every streamed chunk of the step, in ms
 * @param firstThird the streamed chunks written in the window's first third
 * @param lastThird the streamed chunks written in the window's last third
 * @param lastWriteNanos when the step's last chunk was written
 */
record StepDelivery(double windowSeconds, double offeredRate, double deliveredRate, Percentiles latency,
        Percentiles firstThird, Percentiles lastThird, long lastWriteNanos) {

    private static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(600);

    static StepDelivery of(List<ChunkTimes> jobs) {
        long windowStart = Long.MIN_VALUE;
        long windowEnd = Long.MAX_VALUE;
        long lastWrite = Long.MIN_VALUE;
        for (ChunkTimes job : jobs) {
            windowStart = Math.max(windowStart, job.writtenAt(0));
            windowEnd = Math.min(windowEnd, job.writtenAt(job.chunks() - 1));
            lastWrite = Math.max(lastWrite, job.writtenAt(job.chunks() - 1));
        }
        boolean steady = !jobs.isEmpty() && windowStart != ChunkTimes.NONE && windowEnd != ChunkTimes.NONE
                && windowEnd > windowStart;
        long third = steady ? (windowEnd - windowStart) / 3 : 0;
        Histogram all = histogram();
        Histogram first = histogram();
        Histogram last = histogram();
        long written = 0;
        long read = 0;
        for (ChunkTimes job : jobs) {
            for (int i = 0; i < job.chunks(); i++) {
                long writtenAt = job.writtenAt(i);
                long readAt = job.readAt(i);
                if (steady && within(writtenAt, windowStart, windowEnd)) {
                    written++;
                }
                if (steady && within(readAt, windowStart, windowEnd)) {
                    read++;
                }
                if (!job.live(i) || readAt == ChunkTimes.NONE || writtenAt == ChunkTimes.NONE) {
                    continue;
                }
                long micros = Math.max(0, (readAt - writtenAt) / 1_000);
                all.recordValue(Math.min(micros, HIGHEST_MICROS));
                if (steady && within(writtenAt, windowStart, windowStart + third)) {
                    first.recordValue(Math.min(micros, HIGHEST_MICROS));
                } else if (steady && within(writtenAt, windowEnd - third, windowEnd)) {
                    last.recordValue(Math.min(micros, HIGHEST_MICROS));
                }
            }
        }
        double seconds = steady ? (windowEnd - windowStart) / 1e9 : 0;
        return new StepDelivery(seconds, steady ? written / seconds : 0, steady ? read / seconds : 0,
                Percentiles.ofMicros(all), Percentiles.ofMicros(first), Percentiles.ofMicros(last), lastWrite);
    }

    private static boolean within(long nanos, long from, long to) {
        return nanos != ChunkTimes.NONE && nanos >= from && nanos <= to;
    }

    private static Histogram histogram() {
        return new Histogram(HIGHEST_MICROS, 3);
    }
}
