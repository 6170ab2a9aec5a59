package io.tributary.gateway.sse;

/**
 * The JSON of one SSE message, as the original's clients parse it: {@code {"event": ..., "status": {...}}}.
 *
 * @param event {@code snapshot}, {@code delta} or {@code status}
 * @param status a {@link JobStatusBody} or a {@link JobDeltaBody}
 */
record SseMessage(String event, Object status) {

    static final String SNAPSHOT = "snapshot";
    static final String DELTA = "delta";
    static final String STATUS = "status";
}
