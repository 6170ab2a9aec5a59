package io.tributary.support.tracing;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

/**
 * The W3C {@code traceparent} of a job (version, trace id, parent span id, flags), as the ingest takes
 * it from the request that started the job and writes it on every record of the job, so that the
 * processor and the gateway, and anyone reading the topics, can join the job's trace. A value that is
 * not a valid version-00 traceparent is dropped, as the W3C recommendation tells a receiver to.
 */
public final class TraceParent {

    /** The header's name, in HTTP and on Kafka records alike. */
    public static final String HEADER = "traceparent";

    private static final Pattern VALID = Pattern.compile("00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}");

    private TraceParent() {
    }

    /** The value when it is a valid traceparent, else null. */
    public static @Nullable String valid(@Nullable String value) {
        return value != null && VALID.matcher(value).matches() ? value : null;
    }

    /** The record's traceparent, or null when it has none (or an invalid one). */
    public static @Nullable String of(Headers headers) {
        Header header = headers.lastHeader(HEADER);
        return header == null || header.value() == null ? null
                : valid(new String(header.value(), StandardCharsets.US_ASCII));
    }

    /** Adds the traceparent to the headers; nothing when it is null. */
    public static Headers add(Headers headers, @Nullable String traceparent) {
        if (traceparent != null) {
            headers.remove(HEADER);
            headers.add(HEADER, traceparent.getBytes(StandardCharsets.US_ASCII));
        }
        return headers;
    }
}
