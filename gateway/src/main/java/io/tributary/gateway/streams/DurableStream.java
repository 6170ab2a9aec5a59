package io.tributary.gateway.streams;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/**
 * One incarnation of a stream: what was appended, whether it is closed, its producers and its life.
 * A {@code PUT} after a delete or an expiry makes a new incarnation, with a new id, so that nothing of
 * the old one can show through. Changed only by {@link StreamRegistry} on the log's thread; read by
 * requests on any thread, hence the lock. A fork reads its source's records up to its fork point
 * (always under the fork's lock, then the source's: a source is older than its forks, so locks are
 * always taken in the same order).
 */
final class DurableStream {

    /** A deleted stream with forks stays, refusing everything, until its last fork is gone. */
    enum Life { LIVE, SOFT_DELETED, GONE }

    private final String id;
    private final String path;
    private final StreamSettings settings;
    private final @Nullable DurableStream source;
    private final long forkPoint;
    private final List<StreamRecord> records = new ArrayList<>();
    private final ProducerStates producers = new ProducerStates();
    /** The {@code streams.log} keys of the operations this stream rests on, to remove once it is gone. */
    private final List<String> logKeys = new ArrayList<>();
    private boolean closed;
    private @Nullable ProducerTuple closedBy;
    private byte @Nullable [] lastStreamSeq;
    private Life life = Life.LIVE;
    private int forks;
    private volatile Instant lastUsed;
    private CompletableFuture<Void> changed = new CompletableFuture<>();

    DurableStream(String id, String path, StreamSettings settings, @Nullable DurableStream source, long forkPoint,
            Instant created) {
        this.id = id;
        this.path = path;
        this.settings = settings;
        this.source = source;
        this.forkPoint = forkPoint;
        this.lastUsed = created;
    }

    String id() {
        return id;
    }

    String path() {
        return path;
    }

    StreamSettings settings() {
        return settings;
    }

    @Nullable DurableStream source() {
        return source;
    }

    long forkPoint() {
        return forkPoint;
    }

    String contentType() {
        return settings.contentType();
    }

    boolean isJson() {
        return ContentTypes.isJson(settings.contentType());
    }

    synchronized long tail() {
        return forkPoint + records.size();
    }

    synchronized boolean closed() {
        return closed;
    }

    synchronized Life life() {
        return life;
    }

    synchronized int forks() {
        return forks;
    }

    /** Reads and writes keep a stream with a TTL alive; {@code HEAD} does not. */
    void touch(Instant now) {
        if (now.isAfter(lastUsed)) {
            lastUsed = now;
        }
    }

    boolean expired(Instant now) {
        return settings.expired(lastUsed, now);
    }

    /**
     * The records after {@code after}, at most about {@code maxBytes} of them (always at least one, if
     * there is one), as of now, with the promise of the next change: a reader that found nothing waits on
     * it, and cannot miss a change that came after what it read.
     */
    synchronized Slice read(long after, long maxBytes) {
        List<StreamRecord> out = new ArrayList<>();
        long tail = tail();
        long next = after >= tail ? tail : collect(after, tail, new long[] {maxBytes}, out);
        boolean upToDate = next >= tail;
        return new Slice(List.copyOf(out), next, upToDate, upToDate && closed, changed);
    }

    /** Collects records after {@code after} up to position {@code limit}; returns the last position taken. */
    private synchronized long collect(long after, long limit, long[] budget, List<StreamRecord> out) {
        long position = after;
        if (position < forkPoint && source != null) {
            long sourceLimit = Math.min(limit, forkPoint);
            position = source.collect(position, sourceLimit, budget, out);
            if (position < sourceLimit) {
                return position;
            }
        }
        long end = Math.min(limit, tail());
        for (long next = Math.max(position, forkPoint) + 1; next <= end; next++) {
            StreamRecord record = records.get((int) (next - forkPoint - 1));
            if (!out.isEmpty() && record.size() > budget[0]) {
                break;
            }
            out.add(record);
            budget[0] -= record.size();
            position = next;
        }
        return position;
    }

    /** The record at a position, looking through to the source below the fork point; null if none. */
    synchronized @Nullable StreamRecord recordAt(long position) {
        if (position <= forkPoint) {
            return source == null || position < 1 ? null : source.recordAt(position);
        }
        long index = position - forkPoint - 1;
        return index < records.size() ? records.get((int) index) : null;
    }

    // What follows is called by the registry only, on the log's thread.

    synchronized @Nullable Verdict checkProducer(ProducerTuple producer) {
        return producers.check(producer, tail());
    }

    synchronized boolean closedBy(@Nullable ProducerTuple producer) {
        return closed && producer != null && producer.equals(closedBy);
    }

    /** Whether {@code seq} comes after the last {@code Stream-Seq}, compared byte by byte. */
    synchronized boolean followsStreamSeq(String seq) {
        return lastStreamSeq == null
                || Arrays.compareUnsigned(seq.getBytes(StandardCharsets.UTF_8), lastStreamSeq) > 0;
    }

    synchronized void append(@Nullable StreamRecord record, @Nullable ProducerTuple producer,
            @Nullable String streamSeq, boolean close) {
        if (record != null) {
            records.add(record);
        }
        if (producer != null) {
            producers.accept(producer);
        }
        if (streamSeq != null) {
            lastStreamSeq = streamSeq.getBytes(StandardCharsets.UTF_8);
        }
        if (close && !closed) {
            closed = true;
            closedBy = producer;
        }
        signalChange();
    }

    synchronized void remember(String logKey) {
        logKeys.add(logKey);
    }

    synchronized List<String> logKeys() {
        return List.copyOf(logKeys);
    }

    synchronized void end(Life ending) {
        life = ending;
        signalChange();
    }

    synchronized void addFork() {
        forks++;
    }

    /** Returns the forks left. */
    synchronized int removeFork() {
        return --forks;
    }

    private void signalChange() {
        CompletableFuture<Void> woken = changed;
        changed = new CompletableFuture<>();
        woken.complete(null);
    }

    /**
     * A read's result.
     *
     * @param records the records read, in order
     * @param next the position after the last record read (the offset to read after next)
     * @param upToDate whether the read reached the tail
     * @param closed whether the stream is closed and the read reached its end
     * @param changed completes at the next change of the stream after this read
     */
    record Slice(List<StreamRecord> records, long next, boolean upToDate, boolean closed,
            CompletableFuture<Void> changed) {

        boolean isEmpty() {
            return records.isEmpty();
        }
    }
}
