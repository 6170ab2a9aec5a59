package io.tributary.bench.latency;

import java.util.ArrayList;
import java.util.List;

import io.tributary.bench.WriteTimes;
import io.tributary.bench.sse.EventIds;
import io.tributary.bench.sse.SseEvent;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What one viewer saw of one job, checked as it arrives: ids dense after the {@code Last-Event-ID} it
 * resumed from, content equal to the simulator's deltas, and a terminal {@code complete} with exactly the
 * content the upstream sent. A chunk counts as read when the assembled content covers it; its latency is
 * recorded only when the simulator wrote it after the viewer's stream was open (an earlier chunk comes
 * from the catch-up read, which measures attach, not streaming). Fed by one event loop at a time. Other
 * workloads (throughput) watch their jobs with the same checks and take every chunk's read time.
 */
public final class ViewedJob {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** For {@code resumedAfter}: the viewer sent no {@code Last-Event-ID}, so its stream opens with a snapshot. */
    public static final long FRESH_ATTACH = -1;

    private final String prompt;
    private final String expectedContent;
    private final int[] chunkEnds;
    private final WriteTimes writeTimes;
    private final ChunkReads reads;
    private final long startedNanos;
    private final StringBuilder content = new StringBuilder();
    private final List<String> failures = new ArrayList<>();
    private final EventIds ids;
    /** A fresh attach (no {@code Last-Event-ID}) begins with a snapshot of the job so far. */
    private boolean awaitingSnapshot;
    private int chunksRead;
    private long timedChunks;
    private int attachRetries;
    private long openedNanos = Long.MAX_VALUE;
    private long firstContentNanos = -1;
    private long lastReadNanos = -1;
    private boolean complete;

    /**
     * @param prompt the job's prompt, its key in {@code writeTimes}
     * @param deltas the content deltas the simulator sends, in order
     * @param resumedAfter the event id the viewer sent as {@code Last-Event-ID}
     * @param latencyMicros where chunk latencies go (shared by all jobs; must be thread-safe)
     * @param startedNanos when the job's start request was sent
     */
    ViewedJob(String prompt, List<String> deltas, long resumedAfter, WriteTimes writeTimes, Histogram latencyMicros,
            long startedNanos) {
        this(prompt, deltas, resumedAfter, writeTimes, (index, written, read, live) -> {
            if (live) {
                latencyMicros.recordValue(Math.max(0, (read - written) / 1_000));
            }
        }, startedNanos);
    }

    /**
     * @param prompt the job's prompt, its key in {@code writeTimes}
     * @param deltas the content deltas the simulator sends, in order
     * @param resumedAfter the event id the viewer sent as {@code Last-Event-ID}
     * @param reads told of every chunk read, on the viewer's event loop
     * @param startedNanos when the job's start request was sent
     */
    public ViewedJob(String prompt, List<String> deltas, long resumedAfter, WriteTimes writeTimes, ChunkReads reads,
            long startedNanos) {
        this.prompt = prompt;
        this.expectedContent = String.join("", deltas);
        this.chunkEnds = new int[deltas.size()];
        int end = 0;
        for (int i = 0; i < deltas.size(); i++) {
            end += deltas.get(i).length();
            chunkEnds[i] = end;
        }
        this.ids = new EventIds(resumedAfter, this::fail);
        this.awaitingSnapshot = resumedAfter == FRESH_ATTACH;
        this.writeTimes = writeTimes;
        this.reads = reads;
        this.startedNanos = startedNanos;
    }

    public void opened(long nanos) {
        openedNanos = nanos;
    }

    /** The gateway did not know the job yet (404); the viewer asks again. */
    public void attachRefused() {
        attachRetries++;
    }

    public void onEvent(SseEvent event) {
        JsonNode message;
        try {
            message = JSON.readTree(event.data());
        } catch (JacksonException e) {
            ids.next(event.id());
            fail("message " + event.id() + " is not JSON: " + e.getOriginalMessage());
            return;
        }
        JsonNode status = message.path("status");
        String kind = message.path("event").asString("");
        if (awaitingSnapshot) {
            awaitingSnapshot = false;
            if (kind.equals("snapshot")) {
                startAfterSnapshot(event.id());
                onSnapshot(status, event.receivedNanos());
                return;
            }
            fail("a fresh attach began with " + kind + ", not a snapshot");
        }
        ids.next(event.id());
        switch (kind) {
            case "delta" -> onDelta(status, event.receivedNanos());
            case "status" -> onTerminal(status, event.receivedNanos());
            default -> fail("unexpected " + kind + " event, id " + event.id());
        }
    }

    /** The snapshot's id may be any: the stream goes on densely after it. */
    private void startAfterSnapshot(@Nullable String id) {
        try {
            ids.restartAfter(Long.parseLong(String.valueOf(id)));
        } catch (NumberFormatException e) {
            fail("the snapshot's id " + id + " is not a number");
        }
    }

    /** The content so far: its chunks count as read, not as streamed (their latency is the attach's). */
    private void onSnapshot(JsonNode status, long receivedNanos) {
        String sofar = status.path("content").asString("");
        if (!expectedContent.startsWith(sofar)) {
            fail("the snapshot's content is not a prefix of the upstream's");
        }
        content.append(sofar);
        if (!sofar.isEmpty()) {
            firstContentNanos = receivedNanos;
            lastReadNanos = receivedNanos;
        }
        countChunksRead(receivedNanos, false);
        if (!"streaming".equals(status.path("status").asString(""))) {
            onTerminal(status, receivedNanos);
        }
    }

    /** Checks what only the end of the stream can tell; call once the server has closed it. */
    public void ended() {
        if (!complete) {
            fail("the stream ended without a complete status");
        }
    }

    private void onDelta(JsonNode status, long receivedNanos) {
        String delta = status.path("content_delta").asString("");
        if (delta.isEmpty()) {
            return;
        }
        content.append(delta);
        JsonNode length = status.path("content_length");
        if (length.isNumber() && length.asInt() != content.length()) {
            fail("content_length " + length.asInt() + " but " + content.length() + " characters assembled");
        }
        // Only the new delta is compared: the content before it was compared when it came (a whole-prefix
        // comparison per delta costs the bench quadratic time on long jobs).
        int from = content.length() - delta.length();
        if (!expectedContent.regionMatches(from, delta, 0, delta.length())) {
            fail("content differs from the upstream's after " + chunksRead + " chunks");
        }
        if (firstContentNanos < 0) {
            firstContentNanos = receivedNanos;
        }
        lastReadNanos = receivedNanos;
        countChunksRead(receivedNanos, true);
    }

    /**
     * Counts the chunks the assembled content now covers as read; {@code streamed} says they came as
     * deltas, so those written after the stream opened are timed (a snapshot's are not).
     */
    private void countChunksRead(long receivedNanos, boolean streamed) {
        while (chunksRead < chunkEnds.length && chunkEnds[chunksRead] <= content.length()) {
            long written = writeTimes.writtenAt(prompt, chunksRead);
            boolean live = streamed && written != WriteTimes.NOT_WRITTEN && written >= openedNanos;
            if (live) {
                timedChunks++;
            }
            reads.chunkRead(chunksRead, written, receivedNanos, live);
            chunksRead++;
        }
    }

    private void onTerminal(JsonNode status, long receivedNanos) {
        complete = true;
        lastReadNanos = Math.max(lastReadNanos, receivedNanos);
        if (!"complete".equals(status.path("status").asString(""))) {
            fail("ended " + status.path("status").asString("") + ": " + status.path("error"));
        }
        if (!expectedContent.equals(status.path("content").asString(""))) {
            fail("the terminal status's content differs from what the upstream sent");
        }
        if (!expectedContent.contentEquals(content)) {
            fail("the assembled deltas differ from what the upstream sent (" + content.length() + " of "
                    + expectedContent.length() + " characters)");
        }
    }

    private void fail(String what) {
        failures.add(prompt + ": " + what);
    }

    public List<String> failures() {
        return failures;
    }

    public int chunksRead() {
        return chunksRead;
    }

    public int attachRetries() {
        return attachRetries;
    }

    public long timedChunks() {
        return timedChunks;
    }

    /** From the start request to the stream's 200 answer, or -1 when it never opened. */
    public long attachNanos() {
        return openedNanos == Long.MAX_VALUE ? -1 : openedNanos - startedNanos;
    }

    /** From the start request to the first content read, or -1 when none was read. */
    public long timeToFirstTokenNanos() {
        return firstContentNanos < 0 ? -1 : firstContentNanos - startedNanos;
    }

    public long lastReadNanos() {
        return lastReadNanos;
    }

    /** Told of each chunk a viewer has read. */
    @FunctionalInterface
    public interface ChunkReads {

        /**
         * @param index the chunk's index in the reply
         * @param writtenNanos when the simulator wrote it, or {@link WriteTimes#NOT_WRITTEN}
         * @param readNanos when the bytes that complete it arrived
         * @param live written after the viewer's stream was open: streamed, not read back by the catch-up
         */
        void chunkRead(int index, long writtenNanos, long readNanos, boolean live);
    }
}
