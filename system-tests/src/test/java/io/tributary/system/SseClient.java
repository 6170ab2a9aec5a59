package io.tributary.system;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * A viewer of a job's SSE stream over a real socket, parsing the wire format by the WHATWG rules
 * (any line ending, comments, multi-line data) so that the tests see exactly what a browser would.
 */
final class SseClient implements AutoCloseable {

    /**
     * HTTP/1.1 as browsers speak to these services: the JDK client's default HTTP/2 would try an {@code h2c}
     * upgrade on each new connection, a path the services never see in production.
     */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final BlockingQueue<SseMessage> messages = new LinkedBlockingQueue<>();
    private final List<String> comments = new ArrayList<>();
    private final int status;
    private final InputStream body;
    private final Thread reader;
    private volatile boolean ended;

    private SseClient(HttpResponse<InputStream> response) {
        this.status = response.statusCode();
        this.body = response.body();
        this.reader = new Thread(this::read, "sse-client");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    static SseClient open(URI uri, String token, @Nullable String lastEventId) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream")
                .GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return open(request.build());
    }

    /**
     * Opens a stream as a browser's {@code EventSource} does: a GET with no header of ours, so the URL
     * (a stream token in its query) is the only credential.
     */
    static SseClient openAsEventSource(URI uri) throws IOException, InterruptedException {
        return open(HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET().build());
    }

    private static SseClient open(HttpRequest request) throws IOException, InterruptedException {
        return new SseClient(HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream()));
    }

    int status() {
        return status;
    }

    /** The next message, or null when none came in time. */
    @Nullable SseMessage next(Duration timeout) throws InterruptedException {
        return messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Every message until the server ends the stream (or the timeout passes, which fails the caller's checks). */
    List<SseMessage> readToEnd(Duration timeout) throws InterruptedException {
        reader.join(timeout.toMillis());
        List<SseMessage> all = new ArrayList<>();
        messages.drainTo(all);
        return all;
    }

    boolean ended() {
        return ended;
    }

    synchronized List<String> comments() {
        return List.copyOf(comments);
    }

    @Override
    public void close() throws IOException {
        body.close();
    }

    private void read() {
        try (var in = new java.io.InputStreamReader(body, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder();
            Event pending = new Event();
            boolean afterCr = false;
            int c;
            while ((c = in.read()) != -1) {
                if (c == '\n' && afterCr) {
                    afterCr = false;
                    continue;
                }
                afterCr = c == '\r';
                if (c == '\r' || c == '\n') {
                    pending = processLine(line.toString(), pending);
                    line.setLength(0);
                } else {
                    line.append((char) c);
                }
            }
        } catch (IOException e) {
            // The stream was closed by us or by the server: both end the viewing.
        } finally {
            ended = true;
        }
    }

    private Event processLine(String line, Event pending) {
        if (line.isEmpty()) {
            if (pending.data != null) {
                messages.add(new SseMessage(pending.id, pending.event, pending.data.toString()));
            }
            return new Event();
        }
        if (line.startsWith(":")) {
            synchronized (this) {
                comments.add(line.substring(1).trim());
            }
            return pending;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "data" -> {
                if (pending.data == null) {
                    pending.data = new StringBuilder(value);
                } else {
                    pending.data.append('\n').append(value);
                }
            }
            case "id" -> pending.id = value;
            case "event" -> pending.event = value;
            default -> { }
        }
        return pending;
    }

    /** The fields of the message being read. */
    private static final class Event {
        @Nullable String id;
        String event = "message";
        @Nullable StringBuilder data;
    }
}
