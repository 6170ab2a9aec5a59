package io.tributary.gateway.support;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.tributary.gateway.support.SseParser.Event;
import org.awaitility.Awaitility;
import reactor.core.publisher.Flux;

/** A viewer watching a stream in the background, so that a test can write events while it watches. */
public final class Viewing {

    private final List<Event> seen = new CopyOnWriteArrayList<>();
    private final CompletableFuture<List<Event>> done;

    public Viewing(Flux<Event> events) {
        this.done = events.doOnNext(seen::add).collectList().toFuture();
    }

    /** Waits until the viewer has received at least this many messages. */
    public Viewing awaitMessages(int count) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() >= count || done.isDone());
        return this;
    }

    /** Waits until the server has ended the stream; everything received. */
    public List<Event> awaitEnd() {
        try {
            return done.get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("The stream did not end; received " + seen, e);
        }
    }
}
