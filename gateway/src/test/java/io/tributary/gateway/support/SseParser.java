package io.tributary.gateway.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An event-stream parser after the WHATWG HTML standard (9.2.6 "Interpreting an event stream"), fed
 * with bytes as they arrive: lines end with CRLF, LF or CR (also when CR and LF come in separate
 * chunks), lines are decoded as UTF-8 only once complete, a leading BOM is dropped, one space after the
 * colon is removed, {@code data} lines join with LF, the last event id persists from event to event,
 * an event without data is not dispatched, an empty {@code event:} field means {@code message}, an
 * {@code id} holding NUL is ignored, and an unfinished event at the end is discarded. Comments
 * and retry hints, which a browser swallows, are surfaced too so that tests can see them.
 */
public final class SseParser {

    /** What the stream said. */
    public sealed interface Item {
    }

    /** A dispatched event: what {@code EventSource.onmessage} would receive. */
    public record Event(String lastEventId, String type, String data) implements Item {
    }

    public record Comment(String text) implements Item {
    }

    public record Retry(long millis) implements Item {
    }

    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean afterCarriageReturn;
    private boolean firstLine = true;
    private String lastEventId = "";
    private @Nullable String eventType;
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;

    /** Parses a chunk; returns what it completed. */
    public List<Item> feed(byte[] chunk) {
        List<Item> items = new ArrayList<>();
        for (byte b : chunk) {
            if (b == '\n' && afterCarriageReturn) {
                afterCarriageReturn = false;
                continue;
            }
            afterCarriageReturn = b == '\r';
            if (b == '\r' || b == '\n') {
                processLine(decodeLine(), items);
            } else {
                line.write(b);
            }
        }
        return items;
    }

    public static List<Item> parseAll(String stream) {
        return new SseParser().feed(stream.getBytes(StandardCharsets.UTF_8));
    }

    private String decodeLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (firstLine) {
            firstLine = false;
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
        }
        return text;
    }

    private void processLine(String text, List<Item> items) {
        if (text.isEmpty()) {
            dispatch(items);
            return;
        }
        if (text.startsWith(":")) {
            items.add(new Comment(text.substring(1).startsWith(" ") ? text.substring(2) : text.substring(1)));
            return;
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "event" -> eventType = value;
            case "data" -> {
                data.append(value).append('\n');
                hasData = true;
            }
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    lastEventId = value;
                }
            }
            case "retry" -> {
                if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    items.add(new Retry(Long.parseLong(value)));
                }
            }
            default -> { }
        }
    }

    private void dispatch(List<Item> items) {
        if (!hasData) {
            eventType = null;
            return;
        }
        String payload = data.substring(0, data.length() - 1);
        // An empty "event:" field leaves the default type, as the standard says.
        items.add(new Event(lastEventId, eventType == null || eventType.isEmpty() ? "message" : eventType, payload));
        data.setLength(0);
        hasData = false;
        eventType = null;
    }
}
