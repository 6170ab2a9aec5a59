package io.tributary.bench.sse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Turns the bytes of an SSE stream, in whatever pieces the socket gives them, into messages. Lines are
 * split on LF at the byte level (an LF byte is never part of a multi-byte UTF-8 character, so a character
 * cut between two reads is decoded whole); a CR before the LF is dropped. Comments ({@code : ping}) and
 * {@code retry:} are skipped; {@code event:} names the message's type. Not thread-safe: one decoder per
 * stream, fed in order.
 */
public final class SseDecoder {

    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private @Nullable String id;
    private @Nullable String type;
    private @Nullable StringBuilder data;

    /**
     * @param bytes the next bytes of the stream
     * @param receivedNanos when they arrived
     * @return the messages these bytes completed, in order
     */
    public List<SseEvent> feed(byte[] bytes, long receivedNanos) {
        List<SseEvent> events = new ArrayList<>();
        // Whole runs between line ends at once: thousands of viewers in one JVM make a per-byte write costly.
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line.write(bytes, start, i - start);
                start = i + 1;
                SseEvent event = endLine(receivedNanos);
                if (event != null) {
                    events.add(event);
                }
            }
        }
        line.write(bytes, start, bytes.length - start);
        return events;
    }

    private @Nullable SseEvent endLine(long receivedNanos) {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.isEmpty()) {
            SseEvent event = data == null ? null
                    : new SseEvent(id, type == null ? SseEvent.MESSAGE : type, data.toString(), receivedNanos);
            id = null;
            type = null;
            data = null;
            return event;
        }
        if (!text.startsWith(":")) {
            field(text);
        }
        return null;
    }

    private void field(String text) {
        int colon = text.indexOf(':');
        String name = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        if (name.equals("id")) {
            id = value;
        } else if (name.equals("event")) {
            type = value;
        } else if (name.equals("data")) {
            data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
        }
    }
}
