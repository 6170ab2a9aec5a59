package io.tributary.system;

import org.jspecify.annotations.Nullable;

/**
 * The chat-completions body of a job, with the simulator options that decide how long its reply
 * streams and how it ends.
 *
 * @param prompt the user message; the simulator's reply is a function of it
 * @param chunks the number of content deltas
 * @param intervalMs the pause before each delta
 * @param threadId {@code _threadId}: the thread a notification opens and a mute applies to
 * @param messageId {@code _messageId}
 * @param fail a simulator fail mode ({@code midstream_error}, {@code http_500}, ...), or null for a reply that completes
 */
record JobRequest(String prompt, int chunks, int intervalMs, String threadId, String messageId, @Nullable String fail) {

    static JobRequest of(String prompt, int chunks, int intervalMs) {
        return new JobRequest(prompt, chunks, intervalMs, "thread-1", "message-1", null);
    }

    JobRequest inThread(String thread, String message) {
        return new JobRequest(prompt, chunks, intervalMs, thread, message, fail);
    }

    JobRequest failing(String mode) {
        return new JobRequest(prompt, chunks, intervalMs, threadId, messageId, mode);
    }

    /** The body of a background job: answered at once with its id. */
    String background() {
        return json(true);
    }

    /** The body of a foreground request: the upstream stream is proxied to the caller (and recorded as a job). */
    String foreground() {
        return json(false);
    }

    private String json(boolean background) {
        String failOption = fail == null ? "" : ",\"fail\":\"" + fail + "\"";
        return """
                {"model":"simulator/echo","messages":[{"role":"user","content":"%s"}],
                 "_background":%b,"_threadId":"%s","_messageId":"%s",
                 "simulator":{"chunks":%d,"interval_ms":%d%s}}"""
                .formatted(prompt, background, threadId, messageId, chunks, intervalMs, failOption);
    }
}
