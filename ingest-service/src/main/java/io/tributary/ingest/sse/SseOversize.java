package io.tributary.ingest.sse;

/** What an {@link SseParser} dropped for being larger than its caps allow. */
public enum SseOversize {

    /** An event whose data, or one of whose lines, exceeded a cap; it was not dispatched. */
    EVENT,

    /** A comment line longer than the line cap; events around it are not affected. */
    COMMENT
}
