package io.tributary.gateway.streams;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

/** Reads the protocol's request headers and parameters, refusing malformed ones with a 400. */
final class StreamRequests {

    static final String PREFIX = "/v1/stream/";
    /** Non-negative integers as the protocol writes them: no sign, no leading zero, no exponent. */
    private static final Pattern CANONICAL_INTEGER = Pattern.compile("0|[1-9]\\d{0,17}");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,16}");
    /** The largest integer a JavaScript client can send exactly. */
    private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    private StreamRequests() {
    }

    /** The stream's path: what follows {@code /v1/stream/}, as sent (still percent-encoded). */
    static String path(String requestPath) {
        String path = requestPath.substring(PREFIX.length());
        if (path.isEmpty()) {
            throw new ProtocolException(400, "A stream needs a path");
        }
        return path;
    }

    /** A {@code Stream-Forked-From} value, a path ({@code /v1/stream/x}) or a URL, as a stream path. */
    static String forkSource(String header) {
        String path = header;
        if (header.startsWith("http://") || header.startsWith("https://")) {
            try {
                path = URI.create(header).getRawPath();
            } catch (IllegalArgumentException e) {
                throw new ProtocolException(400, "Stream-Forked-From is not a URL or a path");
            }
        }
        if (path == null || !path.startsWith(PREFIX) || path.length() == PREFIX.length()) {
            throw new ProtocolException(400, "Stream-Forked-From must name a stream under " + PREFIX);
        }
        return path.substring(PREFIX.length());
    }

    static boolean closed(HttpHeaders headers) {
        return "true".equalsIgnoreCase(trimmed(headers.getFirst(StreamHeaders.CLOSED)));
    }

    static @Nullable Long ttl(HttpHeaders headers) {
        String value = headers.getFirst(StreamHeaders.TTL);
        return value == null ? null : canonical(value, StreamHeaders.TTL);
    }

    /** {@code Stream-Expires-At}, checked to be RFC 3339; kept as sent (a repeated PUT compares it so). */
    static @Nullable String expiresAt(HttpHeaders headers) {
        String value = headers.getFirst(StreamHeaders.EXPIRES_AT);
        if (value == null) {
            return null;
        }
        try {
            OffsetDateTime.parse(value.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            return value.trim();
        } catch (DateTimeParseException e) {
            throw new ProtocolException(400, "Stream-Expires-At must be an RFC 3339 time");
        }
    }

    static @Nullable Long forkOffset(HttpHeaders headers) {
        String value = headers.getFirst(StreamHeaders.FORK_OFFSET);
        if (value == null) {
            return null;
        }
        try {
            return StreamOffsets.parse(value.trim());
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(400, "Stream-Fork-Offset is not an offset");
        }
    }

    static long forkSubOffset(HttpHeaders headers, boolean fork) {
        String value = headers.getFirst(StreamHeaders.FORK_SUB_OFFSET);
        if (value == null) {
            return 0;
        }
        if (!fork) {
            throw new ProtocolException(400, "Stream-Fork-Sub-Offset needs Stream-Forked-From");
        }
        return canonical(value, StreamHeaders.FORK_SUB_OFFSET);
    }

    /** The producer headers: all three or none. */
    static @Nullable ProducerTuple producer(HttpHeaders headers) {
        String id = headers.getFirst(StreamHeaders.PRODUCER_ID);
        String epoch = headers.getFirst(StreamHeaders.PRODUCER_EPOCH);
        String seq = headers.getFirst(StreamHeaders.PRODUCER_SEQ);
        if (id == null && epoch == null && seq == null) {
            return null;
        }
        if (id == null || epoch == null || seq == null) {
            throw new ProtocolException(400, "Producer-Id, Producer-Epoch and Producer-Seq go together");
        }
        if (id.isBlank()) {
            throw new ProtocolException(400, "Producer-Id must not be empty");
        }
        return new ProducerTuple(id, safeInteger(epoch, StreamHeaders.PRODUCER_EPOCH),
                safeInteger(seq, StreamHeaders.PRODUCER_SEQ));
    }

    /**
     * The read position an {@code offset} parameter names: {@code -1} (or none) is the start, {@code now}
     * the tail; null for {@code now}, which only the stream can resolve.
     */
    static @Nullable Long offset(@Nullable List<String> values) {
        if (values == null || values.isEmpty()) {
            return 0L;
        }
        if (values.size() > 1) {
            throw new ProtocolException(400, "One offset at a time");
        }
        String value = values.get(0);
        if (value.equals("-1")) {
            return 0L;
        }
        if (value.equals("now")) {
            return null;
        }
        try {
            return StreamOffsets.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(400, "The offset is not -1, now or an offset this stream gave");
        }
    }

    static Live live(@Nullable String value) {
        if (value == null) {
            return Live.NONE;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "long-poll" -> Live.LONG_POLL;
            case "sse" -> Live.SSE;
            default -> throw new ProtocolException(400, "live must be long-poll or sse");
        };
    }

    /** How a read follows the stream: not at all (catch-up), by long-poll, or by SSE. */
    enum Live { NONE, LONG_POLL, SSE }

    private static long canonical(String value, String header) {
        String trimmed = value.trim();
        if (!CANONICAL_INTEGER.matcher(trimmed).matches()) {
            throw new ProtocolException(400, header + " must be a non-negative integer without sign or leading zero");
        }
        return Long.parseLong(trimmed);
    }

    private static long safeInteger(String value, String header) {
        String trimmed = value.trim();
        if (!DIGITS.matcher(trimmed).matches() || Long.parseLong(trimmed) > MAX_SAFE_INTEGER) {
            throw new ProtocolException(400, header + " must be an integer from 0 to 2^53-1");
        }
        return Long.parseLong(trimmed);
    }

    private static @Nullable String trimmed(@Nullable String value) {
        return value == null ? null : value.trim();
    }
}
