package io.tributary.bench.throughput;

import java.util.Arrays;

import io.tributary.bench.WriteTimes;
import io.tributary.bench.latency.ViewedJob;

/**
 * When each chunk of one job was written by the simulator and read by the job's viewer. The viewer's
 * event loop records the reads (one at a time, so plain arrays do); the write times are copied in once the
 * step has ended, when the step's figures are taken.
 */
final class ChunkTimes implements ViewedJob.ChunkReads {

    /** Stands for a chunk not read (or not written). */
    static final long NONE = WriteTimes.NOT_WRITTEN;

    private final long[] written;
    private final long[] read;
    private final boolean[] live;

    ChunkTimes(int chunks) {
        written = new long[chunks];
        read = new long[chunks];
        live = new boolean[chunks];
        Arrays.fill(written, NONE);
        Arrays.fill(read, NONE);
    }

    @Override
    public void chunkRead(int index, long writtenNanos, long readNanos, boolean streamed) {
        read[index] = readNanos;
        live[index] = streamed;
    }

    /** Copies the simulator's write times of the job's chunks. */
    void takeWriteTimes(WriteTimes writeTimes, String prompt) {
        for (int i = 0; i < written.length; i++) {
            written[i] = writeTimes.writtenAt(prompt, i);
        }
    }

    /** Sets one chunk's write time (what {@link #takeWriteTimes} does for all of them). */
    void written(int index, long nanos) {
        written[index] = nanos;
    }

    int chunks() {
        return written.length;
    }

    long writtenAt(int index) {
        return written[index];
    }

    long readAt(int index) {
        return read[index];
    }

    /** Read as streamed (written after the viewer's stream was open), so its latency is the pipeline's. */
    boolean live(int index) {
        return live[index];
    }
}
