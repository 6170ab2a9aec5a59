package io.tributary.faults;

import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.tributary.bench.sse.EventIds;
import io.tributary.bench.sse.SseEvent;
import io.tributary.bench.sse.SseViewer;
import io.tributary.bench.sse.StreamRefusedException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One viewer of a job, as a browser's {@code EventSource} behind a load balancer behaves: it opens the
 * job's stream fresh (a snapshot of the job so far, then each event), and whenever the stream breaks or
 * ends before the job's terminal message it waits the {@code retry:} the gateway asks for and resumes
 * with {@code Last-Event-ID} of the last message it has. A gateway that refuses the connection is left
 * for the other one at once, as a load balancer that health-checks its gateways sends the retry to a
 * live one. It checks what it gets: a snapshot first, then ids dense with no repeat, and a terminal
 * message whose content is exactly the snapshot's and the deltas' it received. Fed by one event loop at
 * a time; methods are synchronized for the hand-over between connections.
 */
final class ResumingViewer {

    /** What the gateway's {@code retry:} asks for; a browser waits this long before reconnecting. */
    static final Duration RETRY = Duration.ofSeconds(2);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PlannedJob job;
    private final String token;
    private final List<String> gateways;
    private final SseViewer sse;
    private final FaultStart faultStart;
    private final StringBuilder content = new StringBuilder();
    private final List<String> failures = new ArrayList<>();
    private final EventIds ids;
    private final CompletableFuture<Instant> opened = new CompletableFuture<>();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private int gateway;
    private int reconnects;
    private int refusals;
    /** Connections refused one after another: after the first, the other gateway is tried at once. */
    private int refusedInARow;
    private boolean snapshotSeen;
    private long lastArrivalNanos = -1;
    private long longestGapAcrossFaultNanos;
    private @Nullable String terminalStatus;
    private volatile Instant startedAt = Instant.MAX;

    /**
     * @param gateways the gateways' base URLs; the viewer starts on {@code home}
     * @param faultStart when the round's fault began: the gap that spans it is the stall this viewer felt
     */
    ResumingViewer(PlannedJob job, String token, List<String> gateways, int home, SseViewer sse, FaultStart faultStart) {
        this.job = job;
        this.token = token;
        this.gateways = gateways;
        this.gateway = home;
        this.sse = sse;
        this.faultStart = faultStart;
        this.ids = new EventIds(-1, this::fail);
    }

    void start() {
        startedAt = Instant.now();
        connect(Duration.ZERO);
    }

    /** When the viewer first asked for the stream. */
    Instant startedAt() {
        return startedAt;
    }

    /** Completes with the moment the first stream was answered 200: from then on, the viewer watches. */
    CompletableFuture<Instant> opened() {
        return opened;
    }

    /** Completes when the viewer has the job's terminal message. */
    CompletableFuture<Void> done() {
        return done;
    }

    private void connect(Duration after) {
        String url;
        String lastEventId;
        synchronized (this) {
            url = gateways.get(gateway) + "/api/jobs/" + job.jobId() + "/stream";
            lastEventId = snapshotSeen ? Long.toString(ids.last()) : null;
        }
        Mono.delay(after)
                .then(sse.watch(url, token, lastEventId, openedNanos -> opened.complete(Instant.now()), this::onEvent))
                .subscribe(null, this::onBroken, this::onEnded);
    }

    private synchronized void onEvent(SseEvent event) {
        long now = event.receivedNanos();
        if (lastArrivalNanos > 0 && now > faultStart.nanos()) {
            longestGapAcrossFaultNanos = Math.max(longestGapAcrossFaultNanos, now - lastArrivalNanos);
        }
        lastArrivalNanos = now;
        JsonNode message;
        try {
            message = JSON.readTree(event.data());
        } catch (JacksonException e) {
            fail("message " + event.id() + " is not JSON: " + e.getOriginalMessage());
            return;
        }
        JsonNode status = message.path("status");
        String kind = message.path("event").asString();
        if (kind.equals("snapshot")) {
            onSnapshot(event, status);
            return;
        }
        if (!snapshotSeen) {
            fail("a fresh stream began with " + kind + ", not a snapshot");
        }
        ids.next(event.id());
        switch (kind) {
            case "delta" -> {
                if (status.has("content_delta")) {
                    content.append(status.path("content_delta").asString());
                }
            }
            case "status" -> {
                terminalStatus = status.path("status").asString();
                String terminalContent = status.path("content").asString();
                if (!terminalContent.contentEquals(content)) {
                    fail("the terminal content (" + terminalContent.length() + " chars) is not the snapshot and deltas "
                            + "received (" + content.length() + " chars)");
                }
            }
            default -> fail("unexpected message " + event.id() + ": " + kind);
        }
    }

    private void onSnapshot(SseEvent event, JsonNode status) {
        if (snapshotSeen) {
            fail("a snapshot on a resumed stream, at id " + event.id());
            return;
        }
        snapshotSeen = true;
        ids.restartAfter(Long.parseLong(event.id() == null ? "-1" : event.id()));
        content.append(status.path("content").asString());
        if (!status.path("status").asString().equals("streaming")) {
            // A job that had ended by the time the viewer came: the snapshot is its terminal state.
            terminalStatus = status.path("status").asString();
        }
    }

    private void onBroken(Throwable error) {
        synchronized (this) {
            if (error instanceof StreamRefusedException refused) {
                if (refused.status() == 204 && terminalStatus == null) {
                    fail("answered 204 before the terminal message");
                }
                refusals++;
            }
            if (isConnectionRefused(error)) {
                gateway = (gateway + 1) % gateways.size();
                refusedInARow++;
            } else {
                refusedInARow = 0;
            }
        }
        resume();
    }

    private void onEnded() {
        synchronized (this) {
            refusedInARow = 0;
        }
        resume();
    }

    private void resume() {
        Duration delay;
        synchronized (this) {
            if (terminalStatus != null) {
                done.complete(null);
                return;
            }
            reconnects++;
            delay = refusedInARow == 1 ? Duration.ZERO : RETRY;
        }
        connect(delay);
    }

    private static boolean isConnectionRefused(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    private synchronized void fail(String failure) {
        failures.add(job.jobId() + ": " + failure);
    }

    PlannedJob job() {
        return job;
    }

    synchronized List<String> failures() {
        return List.copyOf(failures);
    }

    synchronized int reconnects() {
        return reconnects;
    }

    /**
     * Answers other than 200 (a gateway starting, a job it does not know yet): this viewer tried again, but
     * a browser's {@code EventSource} gives up on one, so each is a viewer its page must revive.
     */
    synchronized int refusals() {
        return refusals;
    }

    /** The terminal message's status ({@code complete}, {@code error}, ...), or null without one. */
    synchronized @Nullable String terminalStatus() {
        return terminalStatus;
    }

    synchronized String content() {
        return content.toString();
    }

    /** The longest wait between two messages that ended after the fault: what the fault cost this viewer. */
    synchronized Duration longestGapAcrossFault() {
        return Duration.ofNanos(longestGapAcrossFaultNanos);
    }
}
