package io.tributary.gateway.sse;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The status object of the original API ({@code id} to {@code content}) plus Tributary's additions
 * ({@code reasoning}, {@code tool_calls}, {@code usage}, {@code seq}). Either {@code content} or, for a
 * reader that already holds the content up to an offset, {@code content_delta} is present;
 * {@code content_length} always is. Nulls are written, as the original did.
 */
@JsonInclude(Include.ALWAYS)
public record JobStatusBody(
        String id,
        String status,
        @Nullable String threadId,
        @Nullable String messageId,
        @Nullable String model,
        long chunksReceived,
        long startedAt,
        @Nullable Long completedAt,
        @Nullable String error,
        @JsonInclude(Include.NON_NULL) @Nullable String content,
        @JsonProperty("content_delta") @JsonInclude(Include.NON_NULL) @Nullable String contentDelta,
        @JsonProperty("content_length") int contentLength,
        String reasoning,
        @JsonProperty("tool_calls") List<ToolCallBody> toolCalls,
        @Nullable JsonNode usage,
        long seq) {
}
