package io.tributary.gateway.sse;

import java.util.List;

import io.tributary.schema.ToolCall;
import io.tributary.schema.Usage;
import org.jspecify.annotations.Nullable;

/**
 * What one non-terminal event changed, as a delta message tells it.
 *
 * @param seq the event's seq, which is also the message's SSE id
 * @param contentDelta the content the event appended; empty for events that carry none
 * @param contentLength the content's length after the event, in UTF-16 code units
 * @param chunksReceived the job's chunk count after the event
 * @param reasoningDelta the reasoning the event appended, for reasoning events only
 * @param toolCalls the tool calls assembled so far, for tool-call events only
 * @param usage the usage the event reported, for usage events only
 */
public record DeltaFacts(
        long seq,
        String contentDelta,
        int contentLength,
        long chunksReceived,
        @Nullable String reasoningDelta,
        @Nullable List<ToolCall> toolCalls,
        @Nullable Usage usage) {
}
