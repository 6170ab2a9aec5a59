package io.tributary.gateway.streams;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The protocol's SSE events, byte for byte: {@code event: data} with one {@code data:} line per line of
 * the payload (split on CR, LF and CRLF, so no payload can start an event of its own), and {@code event:
 * control} with the offsets as one line of JSON. Written by hand: the suite checks the exact bytes
 * ({@code data:} without a space), which a general SSE encoder does not promise.
 */
final class SseFrames {

    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

    private SseFrames() {
    }

    /** The data event of records read from a stream: a JSON array, text, or base64 of the bytes. */
    static String data(List<StreamRecord> records, String contentType) {
        String payload;
        if (ContentTypes.isJson(contentType)) {
            payload = new String(JsonMessages.arrayOf(records.stream().map(StreamRecord::data).toList()),
                    StandardCharsets.UTF_8);
        } else {
            byte[] bytes = concatenate(records);
            payload = ContentTypes.needsBase64(contentType) ? Base64.getEncoder().encodeToString(bytes)
                    : new String(bytes, StandardCharsets.UTF_8);
        }
        StringBuilder event = new StringBuilder(payload.length() + 32).append("event: data\n");
        for (String line : LINE_BREAK.split(payload, -1)) {
            event.append("data:").append(line).append('\n');
        }
        return event.append('\n').toString();
    }

    /** A control event: where the reader is, and whether it is caught up, or the stream closed. */
    static String control(long next, @Nullable String cursor, boolean upToDate, boolean closed) {
        StringBuilder json = new StringBuilder("{\"streamNextOffset\":\"").append(StreamOffsets.format(next)).append('"');
        if (closed) {
            json.append(",\"streamClosed\":true");
        } else {
            if (cursor != null) {
                json.append(",\"streamCursor\":\"").append(cursor).append('"');
            }
            if (upToDate) {
                json.append(",\"upToDate\":true");
            }
        }
        return "event: control\ndata:" + json.append("}\n\n");
    }

    static byte[] concatenate(List<StreamRecord> records) {
        int size = records.stream().mapToInt(StreamRecord::size).sum();
        byte[] bytes = new byte[size];
        int at = 0;
        for (StreamRecord record : records) {
            System.arraycopy(record.data(), 0, bytes, at, record.size());
            at += record.size();
        }
        return bytes;
    }
}
