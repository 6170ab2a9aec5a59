package io.tributary.gateway.presence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.tributary.schema.PresenceKind;
import io.tributary.schema.ViewerPresence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The open SSE streams of this gateway's viewers, as {@code jobs.viewers} learns of them: JOINED when a
 * stream opens, RENEWED for every open stream each renew interval, LEFT when it closes, however it
 * closes (the job ended, the client went away, the gateway stops).
 *
 * <p>All of it runs on one thread of its own: the records of one connection are sent in the order
 * JOINED, RENEWED..., LEFT, nothing is sent from an event loop (a first send may wait for metadata), and
 * the connections need no lock. Each record is timed when that thread sends it, so a LEFT is never
 * earlier than the moment the stream closed, which errs towards "was watching".
 */
public final class ViewerConnections implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ViewerConnections.class);

    private final PresencePublisher publisher;
    private final Clock clock;
    private final Duration lease;
    private final String gatewayId;
    private final ScheduledExecutorService worker;
    /** Confined to the worker thread. */
    private final Map<String, OpenConnection> open = new HashMap<>();
    private final AtomicInteger openCount = new AtomicInteger();
    private final AtomicLong nextConnection = new AtomicLong();

    /**
     * @param gatewayId names this gateway process in every record; new per start, so that connection
     *     numbers, which restart at zero, never collide with those of an earlier process
     */
    public ViewerConnections(PresencePublisher publisher, Clock clock, PresenceProperties properties, String gatewayId) {
        this.publisher = publisher;
        this.clock = clock;
        this.lease = properties.lease();
        this.gatewayId = gatewayId;
        this.worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tributary-viewer-presence");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.renewInterval().toMillis();
        worker.scheduleAtFixedRate(this::renewAll, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Runs {@code stream} as a viewer of the job: JOINED when it is subscribed, LEFT when it ends, fails
     * or is cancelled (a client that went away).
     */
    public Mono<Void> track(String jobId, String userId, Mono<Void> stream) {
        return Mono.using(() -> join(jobId, userId), connection -> stream, Connection::leave);
    }

    /** How many streams this gateway reports as watching. */
    public int size() {
        return openCount.get();
    }

    public String gatewayId() {
        return gatewayId;
    }

    private Connection join(String jobId, String userId) {
        OpenConnection connection = new OpenConnection(jobId, Long.toString(nextConnection.incrementAndGet()), userId);
        onWorker(() -> {
            open.put(connection.id(), connection);
            openCount.incrementAndGet();
            Instant now = clock.instant();
            publisher.publish(record(connection, PresenceKind.JOINED, now, now.plus(lease)));
        });
        return new Connection(connection);
    }

    private void leave(OpenConnection connection) {
        onWorker(() -> {
            if (open.remove(connection.id()) != null) {
                openCount.decrementAndGet();
                Instant now = clock.instant();
                publisher.publish(record(connection, PresenceKind.LEFT, now, now));
            }
        });
    }

    private void renewAll() {
        Instant now = clock.instant();
        Instant until = now.plus(lease);
        for (OpenConnection connection : open.values()) {
            publisher.publish(record(connection, PresenceKind.RENEWED, now, until));
        }
    }

    private ViewerPresence record(OpenConnection connection, PresenceKind kind, Instant at, Instant expiresAt) {
        return ViewerPresence.newBuilder()
                .setJobId(connection.jobId())
                .setGatewayId(gatewayId)
                .setConnectionId(connection.id())
                .setUserId(connection.userId())
                .setKind(kind)
                .setAt(at)
                .setExpiresAt(expiresAt)
                .build();
    }

    private void onWorker(Runnable task) {
        try {
            worker.execute(task);
        } catch (RejectedExecutionException e) {
            // Stopped: close() said goodbye for every connection still open.
            log.debug("Presence change after shutdown ignored");
        }
    }

    /** Says goodbye for every stream still open, then waits (bounded) until every record is handed over. */
    @Override
    public void close() {
        onWorker(() -> {
            Instant now = clock.instant();
            open.values().forEach(connection -> publisher.publish(record(connection, PresenceKind.LEFT, now, now)));
            open.clear();
            openCount.set(0);
        });
        worker.shutdown();
        try {
            if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("Viewer presence did not stop within 5s; the processor will let the leases expire");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record OpenConnection(String jobId, String id, String userId) {
    }

    /** One tracked stream; leaving is idempotent. */
    private final class Connection {

        private final OpenConnection connection;
        private final AtomicBoolean left = new AtomicBoolean();

        Connection(OpenConnection connection) {
            this.connection = connection;
        }

        void leave() {
            if (left.compareAndSet(false, true)) {
                ViewerConnections.this.leave(connection);
            }
        }
    }
}
