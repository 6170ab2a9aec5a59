package io.tributary.gateway.timeline;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Timer;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * One viewer's live messages: a bounded buffer between the job's timeline and the viewer's socket,
 * drained as fast as the socket takes it (Netty's back-pressure). When the buffer is full the viewer is
 * too slow: its stream ends after what is buffered, and it resumes with the id of the last message it
 * got. The timeline never waits for a viewer. Only the timeline's worker calls the mutating methods.
 *
 * <p>Each message is timed from the gateway receiving its event to its leaving this buffer towards the
 * viewer's response, which Netty pulls when the socket takes more: the hop a slow viewer stretches.
 */
final class Viewer {

    private final Sinks.Many<RenderedEvent> live;
    private final Timer deliveries;
    private long lastSeq;
    private boolean open = true;

    /**
     * @param capacity how many messages may wait for this viewer
     * @param lastSeq the seq of the newest message the viewer has or is about to get; later offers at
     *     or below it are skipped
     */
    Viewer(int capacity, long lastSeq, Timer deliveries) {
        // Exactly this capacity (Reactor's own queues round up to at least 8).
        this.live = Sinks.many().unicast().onBackpressureBuffer(new ArrayBlockingQueue<>(capacity));
        this.lastSeq = lastSeq;
        this.deliveries = deliveries;
    }

    /** The messages offered from now on, to be sent after the viewer's history. */
    Flux<byte[]> messages() {
        return live.asFlux().map(this::handOver);
    }

    private byte[] handOver(RenderedEvent event) {
        deliveries.record(System.nanoTime() - event.receivedNanos(), TimeUnit.NANOSECONDS);
        return event.message();
    }

    /**
     * Queues the event for the viewer, and ends the viewer's stream after a terminal one.
     *
     * @return whether the viewer still takes events; false once it is closed (ended, too slow, gone)
     */
    boolean offer(RenderedEvent event) {
        if (!open) {
            return false;
        }
        if (event.seq() <= lastSeq) {
            return true;
        }
        if (live.tryEmitNext(event).isFailure()) {
            // Full (too slow) or cancelled (gone): what is buffered still goes out, then the stream ends.
            complete();
            return false;
        }
        lastSeq = event.seq();
        if (event.terminal()) {
            complete();
        }
        return open;
    }

    void complete() {
        open = false;
        live.tryEmitComplete();
    }

    void fail(Throwable error) {
        open = false;
        live.tryEmitError(error);
    }
}
