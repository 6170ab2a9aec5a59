package io.tributary.ingest.chunk;

import java.util.Locale;

/** Why an upstream payload was skipped instead of being turned into events. */
public enum SkippedChunk {

    /** The payload is not JSON. */
    INVALID_JSON,

    /** JSON, but not a chunk: not an object, or {@code choices}/{@code delta} of another type. */
    UNEXPECTED_SHAPE,

    /**
     * JSON beyond the reader's limits: nested deeper than {@value ChunkInterpreter#MAX_NESTING_DEPTH}
     * levels, or a number of more than 1,000 digits. Refused as soon as the limit is passed, so such a
     * payload costs no more than its bytes.
     */
    JSON_LIMIT,

    /** The SSE event exceeded the parser's size caps and never reached the interpreter. */
    OVERSIZED_EVENT;

    /** The metric tag value. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
