package io.tributary.bench.reattach;

import java.util.ArrayList;
import java.util.List;

import io.tributary.bench.sse.EventIds;
import io.tributary.bench.sse.SseEvent;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What one viewer of a storm got after reconnecting with {@code Last-Event-ID: k}, checked against
 * {@link ReplyEvents}: the first message is id k + 1, ids are dense from there, every message is the one
 * its id stands for (the chunk's exact content, the usage, the terminal {@code complete} with the whole
 * content), and the stream ends with the terminal event. A viewer that already has a finished job's
 * terminal event must get 204 instead. Times are {@link System#nanoTime()}; fed by one event loop at a time.
 */
final class ResumedView {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String label;
    private final ReplyEvents reply;
    private final long resumedAfter;
    private final boolean live;
    private final boolean expectUpToDate;
    private final StringBuilder content = new StringBuilder();
    private final List<String> failures = new ArrayList<>();
    private final EventIds ids;
    private boolean terminal;
    private boolean upToDate;
    /** Whether the stream has ended, one way or another; one that has not by the run's end is not exact. */
    private volatile boolean done;
    private long requestedNanos = -1;
    private long openedNanos = -1;
    private long firstEventNanos = -1;

    /**
     * @param label names the viewer in failures
     * @param reply the job's events
     * @param resumedAfter the {@code Last-Event-ID} the viewer sends
     * @param live whether the job was still streaming when the storm began
     * @param finishedAt the job's terminal id when it had ended before the storm, -1 otherwise
     */
    ResumedView(String label, ReplyEvents reply, long resumedAfter, boolean live, long finishedAt) {
        this.label = label;
        this.reply = reply;
        this.resumedAfter = resumedAfter;
        this.live = live;
        this.expectUpToDate = finishedAt >= 0 && resumedAfter >= finishedAt;
        this.ids = new EventIds(resumedAfter, this::fail);
    }

    void requested(long nanos) {
        requestedNanos = nanos;
    }

    void opened(long nanos) {
        openedNanos = nanos;
    }

    /** The gateway answered 204: the viewer already had the terminal event. */
    void answeredUpToDate(long nanos) {
        openedNanos = nanos;
        upToDate = true;
        if (!expectUpToDate) {
            fail("answered 204 after id " + resumedAfter + ", before the job's end");
        }
    }

    void onEvent(SseEvent event) {
        if (firstEventNanos < 0) {
            firstEventNanos = event.receivedNanos();
        }
        long id = ids.next(event.id());
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
            fail("message " + id + " after the terminal event");
        } else if (reply.isContent(id)) {
            expectDelta(id, kind, status, reply.contentOf(id));
        } else if (id == reply.usageId()) {
            expectDelta(id, kind, status, "");
            if (status.path("usage").isMissingNode() || status.path("usage").isNull()) {
                fail("message " + id + " should carry the usage");
            }
        } else if (id == reply.terminalId()) {
            onTerminal(id, kind, status);
        } else {
            fail("message " + id + " is past the job's events (" + kind + ")");
        }
    }

    /** Checks what only the end of the stream can tell; call once the server has closed it. */
    void ended() {
        done = true;
        if (expectUpToDate) {
            if (!upToDate) {
                fail("after the terminal id " + resumedAfter + " the answer should have been 204");
            }
            return;
        }
        if (!terminal) {
            fail("the stream ended after id " + ids.last() + " without the terminal event");
        }
        if (!reply.contentAfter(resumedAfter).contentEquals(content)) {
            fail("the deltas after id " + resumedAfter + " differ from the upstream's content from there ("
                    + content.length() + " characters assembled)");
        }
    }

    void failed(Throwable error) {
        done = true;
        fail("the viewer failed: " + error);
    }

    private void expectDelta(long id, String kind, JsonNode status, String delta) {
        if (!kind.equals("delta")) {
            fail("message " + id + " is a " + kind + ", not a delta");
            return;
        }
        String got = status.path("content_delta").asString("");
        content.append(got);
        if (!got.equals(delta)) {
            fail("message " + id + " carries other content than chunk " + (id - 1) + " of the upstream");
        }
    }

    private void onTerminal(long id, String kind, JsonNode status) {
        terminal = true;
        if (!kind.equals("status") || !"complete".equals(status.path("status").asString(""))) {
            fail("message " + id + " should be the terminal complete status, is " + kind + " "
                    + status.path("status").asString(""));
        }
        if (!reply.content().equals(status.path("content").asString(""))) {
            fail("the terminal status's content differs from what the upstream sent");
        }
    }

    private void fail(String what) {
        failures.add(label + " (after id " + resumedAfter + "): " + what);
    }

    /** What went wrong, including a stream that had not ended when the run gave up waiting. */
    List<String> failures() {
        if (done) {
            return failures;
        }
        List<String> all = new ArrayList<>(failures);
        all.add(label + " (after id " + resumedAfter + "): the stream had not ended when the run gave up on it");
        return all;
    }

    boolean exact() {
        return failures().isEmpty();
    }

    boolean live() {
        return live;
    }

    boolean expectsUpToDate() {
        return expectUpToDate;
    }

    /** Request sent → the first byte of the first message after the resume point; -1 when none came. */
    long timeToFirstEventNanos() {
        return firstEventNanos < 0 || requestedNanos < 0 ? -1 : firstEventNanos - requestedNanos;
    }

    /** Request sent → the answer's headers (200, or 204 when up to date); -1 when none came. */
    long timeToHeadersNanos() {
        return openedNanos < 0 || requestedNanos < 0 ? -1 : openedNanos - requestedNanos;
    }
}
