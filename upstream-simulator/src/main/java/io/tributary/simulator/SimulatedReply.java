package io.tributary.simulator;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The reply the simulator gives to a request: a pure function of the request, so that tests can compute
 * what the pipeline must end up with and compare byte for byte.
 *
 * @param model the model echoed in every chunk
 * @param deltas the content of every content chunk, in order ({@code options.chunks()} of them)
 * @param promptTokens the prompt size reported in the usage chunk
 * @param options the options the reply was made with
 */
public record SimulatedReply(String model, List<String> deltas, int promptTokens, SimulatorOptions options) {

    public SimulatedReply {
        deltas = List.copyOf(deltas);
    }

    /** The reply to a chat-completions request body, as if it were sent without {@code X-Simulator-*} headers. */
    public static SimulatedReply forRequest(String requestJson) {
        return forRequest(requestJson, Map.of());
    }

    /** The reply to a chat-completions request body sent with these HTTP headers. */
    public static SimulatedReply forRequest(String requestJson, Map<String, String> headers) {
        return of(ChatRequest.parse(requestJson, headers));
    }

    static SimulatedReply of(ChatRequest request) {
        SimulatorOptions options = request.options();
        String text = options.reply() != null ? options.reply()
                : ReplyText.generate(request.model(), request.lastUserMessage(), options.chunks() * options.chunkChars());
        return new SimulatedReply(request.model(), ReplyText.split(text, options.chunkChars()),
                request.promptTokens(), options);
    }

    /** The whole reply: every delta concatenated, as a successful stream or a non-streamed reply carries it. */
    public String content() {
        return String.join("", deltas);
    }

    /** The content streamed before the failure: all of it unless the options ask for a mid-stream failure. */
    public String deliveredContent() {
        return String.join("", deltas.subList(0, options.deliveredChunks()));
    }

    /** The deltas streamed before the failure. */
    public List<String> deliveredDeltas() {
        return deltas.subList(0, options.deliveredChunks());
    }

    /** The completion tokens reported in the usage chunk: one per content chunk. */
    public int completionTokens() {
        return deltas.size();
    }

    /** The cost reported in the usage chunk: a fixed, made-up price per token. */
    public BigDecimal cost() {
        return BigDecimal.valueOf(promptTokens + completionTokens()).movePointLeft(6);
    }
}
