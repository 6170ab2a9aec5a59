package io.tributary.system;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * The chat-completions body of a job, with the simulator options that decide how long its reply
 * streams and how it ends.
 *
 * @param prompt the user message; the simulator's reply is a function of it
 * @param chunks the number of content deltas (of a generated reply)
 * @param intervalMs the pause before each delta
 * @param threadId {@code _threadId}: the thread a notification opens and a mute applies to
 * @param messageId {@code _messageId}
 * @param fail a simulator fail mode ({@code midstream_error}, {@code http_500}, ...), or null for a reply that completes
 * @param reply a literal reply the simulator streams verbatim in pieces of {@value #LITERAL_CHUNK_CHARS}
 *     code points instead of a generated one (then {@code chunks} is ignored), or null
 */
record JobRequest(String prompt, int chunks, int intervalMs, String threadId, String messageId, @Nullable String fail,
        @Nullable String reply) {

    /** Small pieces, so that a literal reply's line breaks and control characters fall at every place of a delta. */
    static final int LITERAL_CHUNK_CHARS = 3;

    static JobRequest of(String prompt, int chunks, int intervalMs) {
        return new JobRequest(prompt, chunks, intervalMs, "thread-1", "message-1", null, null);
    }

    JobRequest inThread(String thread, String message) {
        return new JobRequest(prompt, chunks, intervalMs, thread, message, fail, reply);
    }

    JobRequest failing(String mode) {
        return new JobRequest(prompt, chunks, intervalMs, threadId, messageId, mode, reply);
    }

    /** The simulator streams exactly {@code text}, whatever characters it holds. */
    JobRequest replying(String text) {
        return new JobRequest(prompt, chunks, intervalMs, threadId, messageId, fail, text);
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
        ObjectNode body = TributaryClient.JSON.createObjectNode();
        body.put("model", "simulator/echo");
        ObjectNode message = body.putArray("messages").addObject();
        message.put("role", "user");
        message.put("content", prompt);
        body.put("_background", background);
        body.put("_threadId", threadId);
        body.put("_messageId", messageId);
        ObjectNode simulator = body.putObject("simulator");
        if (reply == null) {
            simulator.put("chunks", chunks);
        } else {
            simulator.put("reply", reply);
            simulator.put("chunk_chars", LITERAL_CHUNK_CHARS);
        }
        simulator.put("interval_ms", intervalMs);
        if (fail != null) {
            simulator.put("fail", fail);
        }
        return TributaryClient.JSON.writeValueAsString(body);
    }
}
