package io.tributary.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

import io.tributary.simulator.ChunkListener;

/**
 * When the simulator wrote each chunk of each benchmark job, and when it saw the job's stream closed
 * before its end, keyed by the job's prompt (unique per job). A job is registered before it starts, so
 * that the simulator's event loops only ever write into an array that exists; chunks of requests the
 * bench did not register are ignored.
 */
public final class WriteTimes implements ChunkListener {

    /** Stands for a chunk not written yet. */
    public static final long NOT_WRITTEN = Long.MIN_VALUE;

    private final Map<String, AtomicLongArray> byPrompt = new ConcurrentHashMap<>();
    private final Map<String, Long> closedByPrompt = new ConcurrentHashMap<>();

    public void register(String prompt, int chunks) {
        AtomicLongArray times = new AtomicLongArray(chunks);
        for (int i = 0; i < chunks; i++) {
            times.set(i, NOT_WRITTEN);
        }
        byPrompt.put(prompt, times);
    }

    @Override
    public void chunkWritten(String prompt, int index, long nanoTime) {
        AtomicLongArray times = byPrompt.get(prompt);
        if (times != null && index < times.length()) {
            times.set(index, nanoTime);
        }
    }

    /** The write time of a chunk, or {@link #NOT_WRITTEN}. */
    public long writtenAt(String prompt, int index) {
        AtomicLongArray times = byPrompt.get(prompt);
        return times == null || index >= times.length() ? NOT_WRITTEN : times.get(index);
    }

    @Override
    public void streamClosed(String prompt, long nanoTime) {
        if (byPrompt.containsKey(prompt)) {
            closedByPrompt.putIfAbsent(prompt, nanoTime);
        }
    }

    /** When the simulator saw the job's stream closed before its end, or {@link #NOT_WRITTEN}. */
    public long closedAt(String prompt) {
        return closedByPrompt.getOrDefault(prompt, NOT_WRITTEN);
    }
}
