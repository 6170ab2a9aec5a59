package io.tributary.ingest.sse;

/**
 * One dispatched server-sent event.
 *
 * @param type the {@code event} field, or {@code "message"} when the event named none
 * @param data the {@code data} lines joined with {@code "\n"}
 * @param lastEventId the last {@code id} seen on the stream so far (it carries over to later events)
 */
public record SseEvent(String type, String data, String lastEventId) {
}
