package io.tributary.ingest.sse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An incremental parser of a {@code text/event-stream} body, following the event-stream
 * interpretation of the WHATWG HTML standard (section 9.2.6).
 *
 * <p>Bytes may arrive split anywhere: inside a UTF-8 sequence, between the CR and the LF of a CRLF,
 * inside the byte-order mark. Lines are split on bytes (CR and LF never occur inside a UTF-8
 * sequence), then each complete line is decoded on its own, with U+FFFD for invalid bytes, so
 * nothing here ever throws on bad input. U+FFFD and go on, rather than skip the event or fail the
 * job: it is what the standard's UTF-8 decode does (so a browser's {@code EventSource} would show the
 * same), one bad byte costs one character instead of a token or a whole answer, and the rest of the
 * line is still read.
 *
 * <p>Memory is bounded by {@link SseLimits}: a line longer than the cap is dropped as it streams in
 * (and the event it belongs to is skipped), and so is an event whose data grows past its cap.
 *
 * <p>Not thread-safe: one parser per stream, fed by one thread at a time.
 */
public final class SseParser {

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final int INITIAL_LINE_CAPACITY = 256;
    /** A line buffer grown past this is given back after the line, so an idle stream holds little. */
    private static final int RETAINED_LINE_CAPACITY = 64 * 1024;
    private static final int NO_BYTE = -1;

    private final SseListener listener;
    private final SseLimits limits;

    private byte[] line = new byte[INITIAL_LINE_CAPACITY];
    private int lineLength;
    private int lineFirstByte = NO_BYTE;
    private long oversizedLineBytes = -1;
    private boolean previousWasCr;
    private boolean firstLine = true;

    private final StringBuilder data = new StringBuilder();
    private long eventBytes;
    private boolean eventOversized;
    private String eventType = "";
    private String lastEventId = "";
    private boolean ended;

    public SseParser(SseLimits limits, SseListener listener) {
        this.limits = limits;
        this.listener = listener;
    }

    public void feed(byte[] bytes) {
        feed(bytes, 0, bytes.length);
    }

    /** Parses the next bytes of the stream; complete events go to the listener before this returns. */
    public void feed(byte[] bytes, int offset, int length) {
        if (ended) {
            throw new IllegalStateException("The stream has ended");
        }
        int end = offset + length;
        int i = offset;
        int unreported = offset;
        while (i < end) {
            if (previousWasCr) {
                previousWasCr = false;
                if (bytes[i] == LF) {
                    i++;
                    continue;
                }
            }
            int lineEnd = indexOfLineEnd(bytes, i, end);
            appendToLine(bytes, i, lineEnd);
            if (lineEnd == end) {
                break;
            }
            previousWasCr = bytes[lineEnd] == CR;
            // A CRLF is one line end: when its LF is at hand it goes with its line, not with the next event.
            int reportEnd = previousWasCr && lineEnd + 1 < end && bytes[lineEnd + 1] == LF ? lineEnd + 2 : lineEnd + 1;
            listener.onRaw(bytes, unreported, reportEnd - unreported);
            unreported = reportEnd;
            endLine();
            i = lineEnd + 1;
        }
        if (unreported < end) {
            listener.onRaw(bytes, unreported, end - unreported);
        }
    }

    /**
     * The stream ended. As the standard says, a line or event not yet terminated is discarded;
     * an oversized event still pending is reported.
     */
    public void end() {
        if (ended) {
            return;
        }
        ended = true;
        if (eventOversized || (oversizedLineBytes >= 0 && lineFirstByte != ':')) {
            listener.onOversized(SseOversize.EVENT, eventBytes + Math.max(0, oversizedLineBytes));
        }
        resetLine();
        resetEvent();
    }

    private static int indexOfLineEnd(byte[] bytes, int from, int end) {
        for (int i = from; i < end; i++) {
            if (bytes[i] == LF || bytes[i] == CR) {
                return i;
            }
        }
        return end;
    }

    private void appendToLine(byte[] bytes, int from, int to) {
        int count = to - from;
        if (count == 0) {
            return;
        }
        if (lineFirstByte == NO_BYTE) {
            lineFirstByte = bytes[from];
        }
        if (oversizedLineBytes >= 0) {
            oversizedLineBytes += count;
            return;
        }
        if ((long) lineLength + count > limits.maxLineBytes()) {
            oversizedLineBytes = (long) lineLength + count;
            lineLength = 0;
            return;
        }
        if (lineLength + count > line.length) {
            long wanted = Math.max((long) line.length * 2, (long) lineLength + count);
            int grown = (int) Math.min(limits.maxLineBytes(), wanted);
            line = Arrays.copyOf(line, grown);
        }
        System.arraycopy(bytes, from, line, lineLength, count);
        lineLength += count;
    }

    private void endLine() {
        try {
            if (oversizedLineBytes >= 0) {
                dropOversizedLine();
            } else {
                int start = firstLine && startsWithBom() ? BOM.length : 0;
                processLine(new String(line, start, lineLength - start, StandardCharsets.UTF_8), lineLength - start);
            }
        } finally {
            firstLine = false;
            resetLine();
        }
    }

    private void dropOversizedLine() {
        if (lineFirstByte == ':') {
            listener.onOversized(SseOversize.COMMENT, oversizedLineBytes);
        } else {
            // The line was a field of the pending event: without it the event is incomplete, so it is skipped whole.
            eventOversized = true;
            eventBytes += oversizedLineBytes;
            data.setLength(0);
        }
    }

    private boolean startsWithBom() {
        return lineLength >= BOM.length && line[0] == BOM[0] && line[1] == BOM[1] && line[2] == BOM[2];
    }

    private void processLine(String text, int byteLength) {
        if (text.isEmpty()) {
            dispatch();
            return;
        }
        if (text.charAt(0) == ':') {
            listener.onComment(text.substring(1));
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
            case "data" -> appendData(value, byteLength);
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    lastEventId = value;
                }
            }
            case "retry" -> retry(value);
            default -> {
                // The standard ignores unknown fields; upstreams add their own.
            }
        }
    }

    private void appendData(String value, int byteLength) {
        eventBytes += byteLength;
        if (eventOversized) {
            return;
        }
        if (eventBytes > limits.maxEventBytes()) {
            eventOversized = true;
            data.setLength(0);
            return;
        }
        data.append(value).append('\n');
    }

    private void retry(String value) {
        // At most 18 digits, so that the value always fits a long.
        if (value.isEmpty() || value.length() > 18) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return;
            }
        }
        listener.onRetry(Long.parseLong(value));
    }

    private void dispatch() {
        try {
            if (eventOversized) {
                listener.onOversized(SseOversize.EVENT, eventBytes);
            } else if (!data.isEmpty()) {
                String payload = data.substring(0, data.length() - 1);
                listener.onEvent(new SseEvent(eventType.isEmpty() ? "message" : eventType, payload, lastEventId));
            }
        } finally {
            resetEvent();
        }
    }

    private void resetLine() {
        lineLength = 0;
        lineFirstByte = NO_BYTE;
        oversizedLineBytes = -1;
        if (line.length > RETAINED_LINE_CAPACITY) {
            line = new byte[INITIAL_LINE_CAPACITY];
        }
    }

    private void resetEvent() {
        data.setLength(0);
        if (data.capacity() > RETAINED_LINE_CAPACITY) {
            data.trimToSize();
        }
        eventBytes = 0;
        eventOversized = false;
        eventType = "";
    }
}
