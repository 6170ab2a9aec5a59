package io.tributary.gateway.timeline;

/**
 * One event of a job as SSE bytes, rendered once and shared by every viewer of the job.
 *
 * @param seq the event's seq and the message's id
 * @param message the whole SSE message
 * @param terminal whether this is the job's terminal status, after which the stream ends
 * @param receivedNanos when the gateway received the event from the log ({@link System#nanoTime()}),
 *     from which a viewer's delivery is timed
 */
record RenderedEvent(long seq, byte[] message, boolean terminal, long receivedNanos) {
}
