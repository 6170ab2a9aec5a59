package io.tributary.simulator;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON documents of one completion in OpenRouter's shape: the streamed chunks (role, content,
 * finish, usage, error) and the non-streamed completion. Field order follows what OpenRouter sends.
 */
final class OpenRouterChunks {

    static final String PROVIDER = "Simulator";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String id;
    private final long created;
    private final SimulatedReply reply;

    /**
     * @param id the generation id shared by every chunk of the completion
     * @param created the creation time in epoch seconds
     * @param reply the reply whose chunks these are
     */
    OpenRouterChunks(String id, long created, SimulatedReply reply) {
        this.id = id;
        this.created = created;
        this.reply = reply;
    }

    /** The first chunk: the assistant role with empty content. */
    String roleChunk() {
        return chunk("", null);
    }

    String contentChunk(String content) {
        return chunk(content, null);
    }

    String finishChunk() {
        return chunk("", "stop");
    }

    /** The last chunk before {@code [DONE]}: no choices, the usage of the whole completion. */
    String usageChunk() {
        ObjectNode chunk = header("chat.completion.chunk");
        chunk.putArray("choices");
        chunk.set("usage", usage());
        return JSON.writeValueAsString(chunk);
    }

    /** A provider failure after the stream started, as OpenRouter reports it with HTTP 200. */
    String errorChunk(String message) {
        ObjectNode chunk = header("chat.completion.chunk");
        ObjectNode error = chunk.putObject("error");
        error.put("code", "server_error");
        error.put("message", message);
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("delta").put("content", "");
        choice.put("finish_reason", "error");
        return JSON.writeValueAsString(chunk);
    }

    /** The answer to a request without {@code stream: true}. */
    String completion() {
        ObjectNode completion = header("chat.completion");
        ObjectNode choice = completion.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", reply.content());
        choice.put("finish_reason", "stop");
        choice.put("native_finish_reason", "stop");
        choice.putNull("logprobs");
        completion.set("usage", usage());
        return JSON.writeValueAsString(completion);
    }

    /** An error body as OpenRouter sends it with a non-2xx status. */
    static String errorBody(int status, String message) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("message", message);
        error.put("code", status);
        return JSON.writeValueAsString(body);
    }

    private String chunk(String content, @Nullable String finishReason) {
        ObjectNode chunk = header("chat.completion.chunk");
        ArrayNode choices = chunk.putArray("choices");
        ObjectNode choice = choices.addObject();
        choice.put("index", 0);
        ObjectNode delta = choice.putObject("delta");
        delta.put("role", "assistant");
        delta.put("content", content);
        choice.put("finish_reason", finishReason);
        choice.put("native_finish_reason", finishReason);
        choice.putNull("logprobs");
        return JSON.writeValueAsString(chunk);
    }

    private ObjectNode header(String object) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", id);
        node.put("provider", PROVIDER);
        node.put("model", reply.model());
        node.put("object", object);
        node.put("created", created);
        return node;
    }

    private ObjectNode usage() {
        ObjectNode usage = JSON.createObjectNode();
        usage.put("prompt_tokens", reply.promptTokens());
        usage.put("completion_tokens", reply.completionTokens());
        usage.put("total_tokens", reply.promptTokens() + reply.completionTokens());
        usage.put("cost", reply.cost());
        usage.putObject("prompt_tokens_details").put("cached_tokens", 0);
        usage.putObject("completion_tokens_details").put("reasoning_tokens", 0);
        return usage;
    }
}
