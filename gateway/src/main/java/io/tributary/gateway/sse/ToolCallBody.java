package io.tributary.gateway.sse;

import io.tributary.schema.ToolCall;
import org.jspecify.annotations.Nullable;

/** A tool call in OpenAI's shape: {@code {id, type, function: {name, arguments}}}. */
public record ToolCallBody(@Nullable String id, String type, Function function) {

    /** The called function and its arguments, a JSON text as the model wrote it. */
    public record Function(@Nullable String name, String arguments) {
    }

    static ToolCallBody of(ToolCall call) {
        // OpenAI's only tool type; upstreams often send it on the first fragment only, or not at all.
        String type = call.getType() == null ? "function" : call.getType();
        return new ToolCallBody(call.getId(), type, new Function(call.getName(), call.getArguments()));
    }
}
