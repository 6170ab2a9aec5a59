package io.tributary.gateway.streams;

import java.util.List;

/** The protocol's header, query parameter and SSE field names. */
final class StreamHeaders {

    static final String NEXT_OFFSET = "Stream-Next-Offset";
    static final String CURSOR = "Stream-Cursor";
    static final String UP_TO_DATE = "Stream-Up-To-Date";
    static final String CLOSED = "Stream-Closed";
    static final String SEQ = "Stream-Seq";
    static final String TTL = "Stream-TTL";
    static final String EXPIRES_AT = "Stream-Expires-At";
    static final String FORKED_FROM = "Stream-Forked-From";
    static final String FORK_OFFSET = "Stream-Fork-Offset";
    static final String FORK_SUB_OFFSET = "Stream-Fork-Sub-Offset";
    static final String PRODUCER_ID = "Producer-Id";
    static final String PRODUCER_EPOCH = "Producer-Epoch";
    static final String PRODUCER_SEQ = "Producer-Seq";
    static final String PRODUCER_EXPECTED_SEQ = "Producer-Expected-Seq";
    static final String PRODUCER_RECEIVED_SEQ = "Producer-Received-Seq";
    static final String SSE_DATA_ENCODING = "stream-sse-data-encoding";

    /** What a browser's script may read from an answer (CORS). */
    static final List<String> EXPOSED = List.of(NEXT_OFFSET, CURSOR, UP_TO_DATE, CLOSED, PRODUCER_EPOCH,
            PRODUCER_SEQ, PRODUCER_EXPECTED_SEQ, PRODUCER_RECEIVED_SEQ, SSE_DATA_ENCODING, "ETag", "Content-Type",
            "Location", TTL, EXPIRES_AT);

    private StreamHeaders() {
    }
}
