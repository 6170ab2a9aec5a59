package io.tributary.bench.streams;

import java.util.BitSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Appends to one stream at a fixed pace until the round's end: the slots are {@code firstDue + k × interval},
 * and an append is sent at its slot, or as soon as the one before is answered if that is later. One append
 * in flight at a time, as one producer writes a token stream: two in flight could reach the server in either
 * order, and the readers' order check would measure the network. An answer that comes more than one
 * interval after the next slot skips the slots it missed instead of sending their appends back to back:
 * such a burst would be load the run did not ask for, measured as the server's latency after a stall (seen:
 * a cold bench's first seconds catching up into the measured part). A server slower to answer than the
 * interval thus gets fewer appends than asked; the skipped slots and the appends per second say so. Each
 * body carries its sequence number (consecutive over the appends sent) and the time it was sent.
 */
final class PacedAppender {

    private final StreamsHttp http;
    private final String url;
    private final ScheduledExecutorService pacer;
    private final long intervalNanos;
    private final long measuredFromNanos;
    private final long endNanos;
    private final MeasuredTimes answered;
    private final MeasuredTimes lag;
    private final FailureLog failures;
    private final CountDownLatch done;
    // Touched by one append at a time (the next is sent only after the last is answered), read once done.
    private final BitSet acknowledged = new BitSet();
    private long nextSeq;
    private long nextDue;
    private long failed;
    private long skipped;
    // Read while the appends go on, to see whether the readers have caught up.
    private volatile long acknowledgedCount;

    /**
     * @param firstDueNanos when the first append is due
     * @param intervalNanos the pause between two slots
     * @param measuredFromNanos the end of the warm-up: skipped slots after it are counted
     * @param endNanos no append due at or after this is sent
     * @param answered send → answer of every acknowledged append
     * @param lag slot → sent of every append
     * @param done counted down once, when the last append has been answered
     */
    PacedAppender(StreamsHttp http, String url, ScheduledExecutorService pacer, long firstDueNanos,
            long intervalNanos, long measuredFromNanos, long endNanos, MeasuredTimes answered, MeasuredTimes lag,
            FailureLog failures, CountDownLatch done) {
        this.http = http;
        this.url = url;
        this.pacer = pacer;
        this.nextDue = firstDueNanos;
        this.intervalNanos = intervalNanos;
        this.measuredFromNanos = measuredFromNanos;
        this.endNanos = endNanos;
        this.answered = answered;
        this.lag = lag;
        this.failures = failures;
        this.done = done;
    }

    void start() {
        scheduleNext();
    }

    private void scheduleNext() {
        long now = System.nanoTime();
        if (nextDue < now - intervalNanos) {
            long missed = (now - nextDue) / intervalNanos;
            for (long slot = nextDue; slot < nextDue + missed * intervalNanos; slot += intervalNanos) {
                if (slot >= measuredFromNanos && slot < endNanos) {
                    skipped++;
                }
            }
            nextDue += missed * intervalNanos;
        }
        long due = nextDue;
        if (due >= endNanos) {
            done.countDown();
            return;
        }
        nextDue += intervalNanos;
        try {
            pacer.schedule(() -> send(due), due - now, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // The round gave up waiting for this stream's answers and stopped the pacer.
            done.countDown();
        }
    }

    private void send(long due) {
        long seq = nextSeq++;
        long sent = System.nanoTime();
        lag.record(due, sent);
        http.append(url, AppendLine.format(seq, sent)).subscribe(answer -> {
            // Exactly one of these two runs for each append: responseSingle answers or fails, never neither.
            if (answer.isSuccess()) {
                answered.record(sent, System.nanoTime());
                acknowledged.set((int) seq);
                acknowledgedCount++;
            } else {
                failed(seq, "answered " + answer);
            }
            scheduleNext();
        }, error -> {
            failed(seq, "failed: " + error);
            scheduleNext();
        });
    }

    private void failed(long seq, String what) {
        failed++;
        failures.add("append " + seq + " to " + url + " " + what);
    }

    /** The appends the server acknowledged; read once {@code done} has been counted down. */
    BitSet acknowledged() {
        return acknowledged;
    }

    long acknowledgedCount() {
        return acknowledgedCount;
    }

    /** Slots of the measured part skipped because an answer came after them; read once done. */
    long skipped() {
        return skipped;
    }

    /** Appends the server refused or did not answer; read once done. */
    long failed() {
        return failed;
    }
}
