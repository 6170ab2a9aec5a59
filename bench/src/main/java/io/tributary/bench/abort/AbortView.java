package io.tributary.bench.abort;

import java.util.ArrayList;
import java.util.List;

import io.tributary.bench.sse.EventIds;
import io.tributary.bench.sse.SseEvent;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the viewer of an aborted job saw, attached with {@code Last-Event-ID: 0}: dense ids, deltas that
 * assemble a prefix of the upstream's content, and a terminal {@code status} that says {@code aborted}
 * with exactly the content assembled. Fed by one event loop at a time.
 */
final class AbortView {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String label;
    private final String upstreamContent;
    private final StringBuilder content = new StringBuilder();
    private final List<String> failures = new ArrayList<>();
    private volatile boolean opened;
    private final EventIds ids = new EventIds(0, this::fail);
    private boolean terminal;
    private long terminalNanos = -1;
    /** Whether the stream has ended, one way or another. */
    private volatile boolean done;

    AbortView(String label, String upstreamContent) {
        this.label = label;
        this.upstreamContent = upstreamContent;
    }

    void opened(long nanos) {
        opened = true;
    }

    boolean isOpen() {
        return opened;
    }

    void onEvent(SseEvent event) {
        ids.next(event.id());
        JsonNode message;
        try {
            message = JSON.readTree(event.data());
        } catch (JacksonException e) {
            fail("message " + event.id() + " is not JSON: " + e.getOriginalMessage());
            return;
        }
        String kind = message.path("event").asString("");
        JsonNode status = message.path("status");
        if (terminal) {
            fail("message " + event.id() + " after the terminal status");
        } else if (kind.equals("delta")) {
            content.append(status.path("content_delta").asString(""));
            if (!upstreamContent.startsWith(content.toString())) {
                fail("content differs from the upstream's at message " + event.id());
            }
        } else if (kind.equals("status")) {
            terminal = true;
            terminalNanos = event.receivedNanos();
            if (!"aborted".equals(status.path("status").asString(""))) {
                fail("ended " + status.path("status").asString("") + ", not aborted");
            }
            if (!content.toString().equals(status.path("content").asString(""))) {
                fail("the aborted status's content is not what the deltas assembled");
            }
        } else {
            fail("unexpected " + kind + " message " + event.id());
        }
    }

    /** Checks what only the end of the stream can tell; call once the server has closed it. */
    void ended() {
        done = true;
        if (!terminal) {
            fail("the stream ended without a terminal status");
        }
    }

    void failed(Throwable error) {
        done = true;
        fail("the viewer failed: " + error);
    }


    private void fail(String what) {
        synchronized (failures) {
            failures.add(label + " viewer: " + what);
        }
    }

    /** What went wrong, including a stream that had not ended when the run gave up waiting. */
    List<String> failures() {
        synchronized (failures) {
            List<String> all = new ArrayList<>(failures);
            if (!done) {
                all.add(label + " viewer: the stream had not ended when the run gave up on it");
            }
            return all;
        }
    }

    /** What the viewer assembled. */
    String content() {
        return content.toString();
    }

    /** When the terminal status arrived, or -1. */
    long terminalNanos() {
        return terminalNanos;
    }
}
