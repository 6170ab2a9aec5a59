package io.tributary.bench.fanout;

import java.util.ArrayList;
import java.util.List;

import io.tributary.bench.WriteTimes;
import io.tributary.bench.sse.EventIds;
import io.tributary.bench.sse.SseEvent;
import io.tributary.bench.sse.StreamRefusedException;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * One viewer that attaches as a browser tab opening a running job does: no {@code Last-Event-ID}, so the
 * gateway answers with a {@code snapshot} of the job so far, then one message per event. Checked as it
 * arrives: the snapshot's content is a prefix of what the upstream sends, ids are dense after the
 * snapshot's, each delta continues the content exactly where the upstream's does, and the stream ends
 * with a {@code complete} status whose content is exactly the upstream's. A chunk counts as read once the
 * content covers it; chunks the snapshot already holds are not timed (they measure attach, not streaming).
 * Fed by one event loop at a time.
 */
final class FreshViewer {

    /** A viewer with more problems than this reports only the first ones: the run has failed anyway. */
    private static final int MAX_FAILURES = 3;

    private final WatchedJob job;
    private final DeliveryTimes times;
    private final Histogram attachMicros;
    private final List<String> failures = new ArrayList<>(0);
    private long requestedNanos;
    private volatile long openedNanos = Long.MAX_VALUE;
    private volatile boolean failed;
    private boolean snapshotRead;
    private final EventIds ids = new EventIds(-1, this::fail);
    private int length;
    private int chunksRead;
    private long deltasTimed;
    private boolean complete;
    private @Nullable Integer refusedWith;

    /**
     * @param attachMicros request → snapshot read, per viewer (shared; must be thread-safe)
     */
    FreshViewer(WatchedJob job, DeliveryTimes times, Histogram attachMicros) {
        this.job = job;
        this.times = times;
        this.attachMicros = attachMicros;
    }

    WatchedJob job() {
        return job;
    }

    void requested(long nanos) {
        requestedNanos = nanos;
    }

    void opened(long nanos) {
        openedNanos = nanos;
    }

    boolean isOpen() {
        return openedNanos != Long.MAX_VALUE;
    }

    /** Whether the attach is over either way: the stream opened, or the viewer failed. */
    boolean isSettled() {
        return isOpen() || failed;
    }

    void onEvent(SseEvent event) {
        long id;
        try {
            id = event.id() == null ? -1 : Long.parseLong(event.id());
        } catch (NumberFormatException e) {
            fail("id " + event.id() + " is not a number");
            return;
        }
        WatchedJob.Decoded message = job.decode(id, event.data());
        if (!snapshotRead) {
            onSnapshot(id, message, event.receivedNanos());
            return;
        }
        ids.next(id);
        switch (message.event()) {
            case "delta" -> onDelta(message, event.receivedNanos());
            case "status" -> onTerminal(message);
            default -> fail("unexpected '" + message.event() + "' message, id " + id + " " + message.error());
        }
    }

    private void onSnapshot(long id, WatchedJob.Decoded message, long receivedNanos) {
        snapshotRead = true;
        ids.restartAfter(id);
        attachMicros.recordValue(Math.max(0, (receivedNanos - requestedNanos) / 1_000));
        if (!message.event().equals("snapshot")) {
            fail("a fresh attach began with '" + message.event() + "', not a snapshot");
            return;
        }
        String content = message.content() == null ? "" : message.content();
        if (!job.expectedContent().startsWith(content)) {
            fail("the snapshot's content is not a prefix of the upstream's");
            return;
        }
        length = content.length();
        while (chunksRead < job.chunks() && job.chunkEnd(chunksRead) <= length) {
            chunksRead++;
        }
        if (!message.status().equals("streaming")) {
            // The job ended before this viewer attached: the snapshot is its last message.
            onTerminal(message);
        }
    }

    private void onDelta(WatchedJob.Decoded message, long receivedNanos) {
        String delta = message.contentDelta();
        if (delta.isEmpty()) {
            return;
        }
        if (!job.expectedContent().startsWith(delta, length)) {
            fail("content differs from the upstream's after " + chunksRead + " chunks");
        }
        length += delta.length();
        if (message.contentLength() >= 0 && message.contentLength() != length) {
            fail("content_length " + message.contentLength() + " but " + length + " characters assembled");
        }
        while (chunksRead < job.chunks() && job.chunkEnd(chunksRead) <= length) {
            long written = job.writtenAt(chunksRead);
            if (written != WriteTimes.NOT_WRITTEN && written >= openedNanos) {
                times.record(written, receivedNanos);
                deltasTimed++;
            }
            chunksRead++;
        }
    }

    private void onTerminal(WatchedJob.Decoded message) {
        complete = true;
        if (!message.status().equals("complete")) {
            fail("ended " + message.status() + ": " + message.error());
        }
        if (!job.expectedContent().equals(message.content())) {
            fail("the terminal status's content differs from what the upstream sent");
        }
        if (length != job.expectedContent().length()) {
            fail("the assembled content has " + length + " of the upstream's " + job.expectedContent().length()
                    + " characters");
        }
    }

    /** Checks what only the end of the stream can tell; call once the server has closed it. */
    void ended() {
        if (!complete) {
            fail("the stream ended without a complete status");
        }
    }

    /** The stream could not be opened or broke off. */
    void failed(Throwable error) {
        failed = true;
        if (error instanceof StreamRefusedException refused) {
            refusedWith = refused.status();
        }
        fail("the viewer failed: " + error);
    }

    private void fail(String what) {
        if (failures.size() < MAX_FAILURES) {
            failures.add(job.prompt() + ": " + what);
        }
    }

    List<String> failures() {
        return failures;
    }

    /** The status of a refused stream, or null when it was not refused. */
    @Nullable Integer refusedWith() {
        return refusedWith;
    }

    int chunksRead() {
        return chunksRead;
    }

    long deltasTimed() {
        return deltasTimed;
    }
}
