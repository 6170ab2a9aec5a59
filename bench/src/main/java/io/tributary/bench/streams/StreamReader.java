package io.tributary.bench.streams;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.tributary.bench.sse.SseEvent;
import io.tributary.bench.sse.SseViewer;
import io.tributary.bench.sse.StreamRefusedException;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One SSE reader of a stream ({@code ?offset=-1&live=sse}: the stream is empty when it opens, so reading
 * from the beginning is reading everything, and no append can fall between the open and the first one).
 * Times each append's delivery from its send time, checks each arrives once and in order, and follows the
 * control events: when a server ends the response (Tributary's after about a minute, as the protocol asks),
 * the reader resumes at the last {@code streamNextOffset} with the last {@code streamCursor}, as a client
 * does. Fed by one event loop at a time.
 */
final class StreamReader {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A connection that broke is opened again after this, a few times; then the reader gives up. */
    private static final Duration RETRY_AFTER = Duration.ofMillis(200);
    private static final int MAX_BREAKS = 5;

    private final SseViewer sse;
    private final String streamUrl;
    private final @Nullable String token;
    private final MeasuredTimes deliveries;
    private final FailureLog failures;
    private final DeliveryCheck check = new DeliveryCheck();
    /** Text after the last newline: an append a server might split between two data events. */
    private final StringBuilder unfinished = new StringBuilder();
    private String offset = "-1";
    private @Nullable String cursor;
    private volatile boolean ready;
    private volatile boolean stopped;
    private volatile boolean gaveUp;
    private volatile @Nullable Disposable connection;
    private int reconnects;
    private int breaks;
    private long malformed;

    /**
     * @param deliveries send → receipt of each append's first delivery
     */
    StreamReader(SseViewer sse, String streamUrl, @Nullable String token, MeasuredTimes deliveries,
            FailureLog failures) {
        this.sse = sse;
        this.streamUrl = streamUrl;
        this.token = token;
        this.deliveries = deliveries;
        this.failures = failures;
    }

    void open() {
        connect();
    }

    private void connect() {
        String url = streamUrl + "?offset=" + encode(offset) + "&live=sse"
                + (cursor == null ? "" : "&cursor=" + encode(cursor));
        Disposable opened = sse.watch(url, token, null, openedAt -> { }, this::onEvent)
                .subscribe(null, this::broke, this::ended);
        connection = opened;
        if (stopped) {
            opened.dispose();
        }
    }

    private void onEvent(SseEvent event) {
        switch (event.type()) {
            case "data" -> onData(event.data(), event.receivedNanos());
            case "control" -> onControl(event.data());
            default -> {
                // Neither server sends others; a later protocol version might.
            }
        }
    }

    private void onData(String text, long receivedNanos) {
        unfinished.append(text);
        int start = 0;
        for (int end = unfinished.indexOf("\n"); end >= 0; end = unfinished.indexOf("\n", start)) {
            AppendLine append = AppendLine.parse(unfinished, start, end);
            if (append == null) {
                malformed++;
                failures.add(streamUrl + ": a reader read '" + unfinished.substring(start, Math.min(end, start + 80))
                        + "', not an append");
            } else if (check.received(append.seq())) {
                deliveries.record(append.sentNanos(), receivedNanos);
            }
            start = end + 1;
        }
        unfinished.delete(0, start);
    }

    private void onControl(String json) {
        JsonNode control = JSON.readTree(json);
        JsonNode next = control.get("streamNextOffset");
        if (next != null) {
            offset = next.asString();
        }
        JsonNode nextCursor = control.get("streamCursor");
        if (nextCursor != null) {
            cursor = nextCursor.asString();
        }
        if (control.path("streamClosed").asBoolean(false)) {
            failures.add(streamUrl + ": closed while the bench was appending to it");
        }
        ready = true;
    }

    /** The server ended the response: resume where it left off, unless the round is over. */
    private void ended() {
        if (!stopped) {
            reconnects++;
            connect();
        }
    }

    private void broke(Throwable error) {
        if (stopped) {
            return;
        }
        breaks++;
        failures.add(streamUrl + ": a reader's stream " + (error instanceof StreamRefusedException ? "was refused: "
                : "broke: ") + error.getMessage());
        if (breaks >= MAX_BREAKS) {
            gaveUp = true;
            return;
        }
        Mono.delay(RETRY_AFTER).subscribe(tick -> {
            if (!stopped) {
                connect();
            }
        });
    }

    /** Whether the server has told this reader where the stream is (its first control event). */
    boolean isReady() {
        return ready;
    }

    /** Whether this reader stopped trying after its connection broke too often. */
    boolean gaveUp() {
        return gaveUp;
    }

    void stop() {
        stopped = true;
        Disposable current = connection;
        if (current != null) {
            current.dispose();
        }
    }

    DeliveryCheck check() {
        return check;
    }

    /** Responses the server ended and the reader resumed after. */
    int reconnects() {
        return reconnects;
    }

    /** Connections that broke or were refused. */
    int breaks() {
        return breaks;
    }

    long malformed() {
        return malformed;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
