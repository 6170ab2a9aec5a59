package io.tributary.gateway.inbox;

import java.util.concurrent.ArrayBlockingQueue;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * One open feed of a user's new notifications: a bounded buffer between the inbox (filled on the
 * replica's thread) and the subscriber's socket (drained as fast as it takes it). When the buffer is
 * full the subscriber is too slow: its feed ends after what is buffered and it resumes with the id of
 * the last item it got. The replica never waits for a subscriber.
 */
final class FeedSubscriber {

    private final Sinks.Many<InboxItem> live;
    private boolean open = true;

    FeedSubscriber(int capacity) {
        // Exactly this capacity (Reactor's own queues round up to at least 8).
        this.live = Sinks.many().unicast().onBackpressureBuffer(new ArrayBlockingQueue<>(capacity));
    }

    Flux<InboxItem> items() {
        return live.asFlux();
    }

    /** @return whether the subscriber still takes items; false once it is closed (too slow, gone, ended) */
    boolean offer(InboxItem item) {
        if (open && live.tryEmitNext(item).isFailure()) {
            close();
        }
        return open;
    }

    void close() {
        open = false;
        live.tryEmitComplete();
    }
}
