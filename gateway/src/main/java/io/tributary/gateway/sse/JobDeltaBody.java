package io.tributary.gateway.sse;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The status object of a delta message: the job's fixed fields, what the event appended and the
 * lengths after it. {@code reasoning_delta}, {@code tool_calls} and {@code usage} appear only on the
 * events that carry them, so a text delta stays small.
 */
@JsonInclude(Include.ALWAYS)
public record JobDeltaBody(
        String id,
        String status,
        @Nullable String threadId,
        @Nullable String messageId,
        @Nullable String model,
        long chunksReceived,
        long startedAt,
        @JsonProperty("content_delta") String contentDelta,
        @JsonProperty("content_length") int contentLength,
        @JsonProperty("reasoning_delta") @JsonInclude(Include.NON_NULL) @Nullable String reasoningDelta,
        @JsonProperty("tool_calls") @JsonInclude(Include.NON_NULL) @Nullable List<ToolCallBody> toolCalls,
        @JsonInclude(Include.NON_NULL) @Nullable JsonNode usage,
        long seq) {
}
