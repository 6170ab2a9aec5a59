package io.tributary.ingest.chunk;

import java.util.ArrayList;
import java.util.List;

import io.tributary.ingest.event.EventDraft;
import io.tributary.schema.FailureReason;
import io.tributary.schema.ToolCallDelta;
import io.tributary.schema.Usage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Reads the {@code data} payloads of one upstream chat-completions stream (OpenRouter's
 * {@code chat.completion.chunk} format) and says which job events they make: one event per thing a
 * chunk carries, in the order reasoning, text, tool-call fragments, images, usage, then the end.
 *
 * <p>The stream ends the job: {@code [DONE]}, or the end of the stream after a {@code finish_reason},
 * completes it; an {@code error} object or {@code finish_reason: "error"} fails it; an end without
 * either is a disconnect. A payload that is not JSON, or JSON of a shape it does not know, is
 * skipped and reported, never a reason to fail the job; so is JSON beyond the reader's limits
 * ({@link #MAX_NESTING_DEPTH}, numbers of more than 1,000 digits).
 *
 * <p>Content and reasoning stay well-formed UTF-16 across chunks ({@link SurrogateCarry}): a half
 * surrogate pair held back at the end of one chunk is written with the next text of its kind, or
 * as U+FFFD before the first event of another kind or the end.
 *
 * <p>One instance per job; not thread-safe.
 */
public final class ChunkInterpreter {

    /** The payload that ends an OpenAI-compatible stream. */
    public static final String DONE = "[DONE]";

    private static final Logger log = LoggerFactory.getLogger(ChunkInterpreter.class);
    private static final String ERROR_FINISH = "error";
    /** The delta of a chunk that has none (a usage or error chunk); never modified. */
    private static final JsonNode NO_DELTA = JsonNodeFactory.instance.objectNode();

    /**
     * How deep upstream JSON may nest. A chunk nests under ten levels; a hundred leaves room for any
     * provider's additions, while a payload of a million brackets is refused at the hundred-and-first,
     * cheaply and with a flat stack.
     */
    static final int MAX_NESTING_DEPTH = 100;
    /** Reads upstream payloads only; its limits are the interpreter's own, whatever the application's mapper allows. */
    private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                    .build())
            .build();

    private final SkippedChunkListener skipped;
    private final SurrogateCarry reasoningText = new SurrogateCarry();
    private final SurrogateCarry contentText = new SurrogateCarry();
    private @Nullable String generationId;
    private @Nullable String finishReason;
    private boolean finished;

    public ChunkInterpreter(SkippedChunkListener skipped) {
        this.skipped = skipped;
    }

    /**
     * The events one payload makes; the last of them is terminal when the payload ends the job.
     * Empty once the job has ended.
     */
    public List<EventDraft> interpret(String data) {
        if (finished) {
            return List.of();
        }
        if (DONE.equals(data.strip())) {
            return end(EventDraft.completed(finishReason, generationId));
        }
        JsonNode chunk;
        try {
            chunk = JSON.readTree(data);
        } catch (StreamConstraintsException e) {
            return skip(SkippedChunk.JSON_LIMIT, data);
        } catch (JacksonException e) {
            return skip(SkippedChunk.INVALID_JSON, data);
        }
        if (chunk == null || !chunk.isObject()) {
            return skip(SkippedChunk.UNEXPECTED_SHAPE, data);
        }
        JsonNode delta = firstChoiceDelta(chunk);
        if (delta == null) {
            return skip(SkippedChunk.UNEXPECTED_SHAPE, data);
        }
        return interpretChunk(chunk, delta);
    }

    /**
     * The stream ended, whole or broken, without {@code [DONE]}: complete the job when the upstream
     * said why it finished, fail it as disconnected otherwise. Text held back comes first, as U+FFFD.
     * Empty when the job has already ended.
     */
    public List<EventDraft> endOfStream() {
        if (finished) {
            return List.of();
        }
        return end(finishReason == null
                ? EventDraft.failed(FailureReason.UPSTREAM_DISCONNECTED, "upstream disconnected")
                : EventDraft.completed(finishReason, generationId));
    }

    /**
     * The stream is to end the job for a reason found outside the payloads (it sends too much): text
     * held back comes first, as U+FFFD, then the failure. Empty when the job has already ended.
     */
    public List<EventDraft> cutOff(FailureReason reason, String message) {
        if (finished) {
            return List.of();
        }
        return end(EventDraft.failed(reason, message));
    }

    /** Whether a payload has ended the job. */
    public boolean isFinished() {
        return finished;
    }

    private List<EventDraft> interpretChunk(JsonNode chunk, JsonNode delta) {
        List<EventDraft> events = new ArrayList<>();
        String id = string(chunk, "id");
        if (id != null && !id.isBlank()) {
            generationId = id;
        }
        reasoning(delta, events);
        String content = string(delta, "content");
        if (content != null) {
            String text = contentText.next(content);
            if (!text.isEmpty()) {
                events.add(EventDraft.text(text));
            }
        }
        List<EventDraft> others = new ArrayList<>();
        toolCalls(delta, others);
        images(delta, others);
        usage(chunk, others);
        String finish = firstChoiceFinishReason(chunk);
        if (finish != null) {
            finishReason = finish;
        }
        JsonNode error = chunk.get("error");
        if ((error != null && error.isObject()) || ERROR_FINISH.equals(finish)) {
            others.add(failure(error));
            finished = true;
        }
        if (!others.isEmpty()) {
            releaseHeldText(events);
            events.addAll(others);
        }
        return events;
    }

    private void reasoning(JsonNode delta, List<EventDraft> events) {
        String text = string(delta, "reasoning");
        String carried = text == null ? "" : reasoningText.next(text);
        JsonNode details = delta.get("reasoning_details");
        String detailsJson = details != null && details.isArray() && !details.isEmpty()
                ? JSON.writeValueAsString(details)
                : null;
        if (!carried.isEmpty() || detailsJson != null) {
            events.add(EventDraft.reasoning(carried, detailsJson));
        }
    }

    /** The terminal event, after whatever text is still held back. */
    private List<EventDraft> end(EventDraft terminal) {
        finished = true;
        List<EventDraft> events = new ArrayList<>(3);
        releaseHeldText(events);
        events.add(terminal);
        return events;
    }

    /** Half characters held back that no text of their kind will complete now: U+FFFD each, reasoning first as in a chunk. */
    private void releaseHeldText(List<EventDraft> events) {
        String reasoning = reasoningText.release();
        if (!reasoning.isEmpty()) {
            events.add(EventDraft.reasoning(reasoning, null));
        }
        String content = contentText.release();
        if (!content.isEmpty()) {
            events.add(EventDraft.text(content));
        }
    }

    private static void toolCalls(JsonNode delta, List<EventDraft> events) {
        JsonNode calls = delta.get("tool_calls");
        if (calls == null || !calls.isArray()) {
            return;
        }
        for (int position = 0; position < calls.size(); position++) {
            JsonNode call = calls.get(position);
            if (!call.isObject()) {
                continue;
            }
            JsonNode index = call.get("index");
            JsonNode function = call.get("function");
            boolean hasFunction = function != null && function.isObject();
            events.add(EventDraft.toolCall(new ToolCallDelta(
                    index != null && index.isIntegralNumber() && index.canConvertToInt() ? index.asInt() : position,
                    string(call, "id"),
                    string(call, "type"),
                    hasFunction ? string(function, "name") : null,
                    hasFunction ? string(function, "arguments") : null)));
        }
    }

    private static void images(JsonNode delta, List<EventDraft> events) {
        JsonNode images = delta.get("images");
        if (images == null || !images.isArray()) {
            return;
        }
        for (JsonNode image : images) {
            JsonNode imageUrl = image.get("image_url");
            String url = imageUrl == null ? null
                    : imageUrl.isString() ? imageUrl.stringValue()
                    : string(imageUrl, "url");
            if (url != null && !url.isEmpty()) {
                events.add(EventDraft.image(url));
            }
        }
    }

    private void usage(JsonNode chunk, List<EventDraft> events) {
        JsonNode usage = chunk.get("usage");
        if (usage == null || !usage.isObject()) {
            return;
        }
        JsonNode cost = usage.get("cost");
        events.add(EventDraft.usage(new Usage(
                integer(usage, "prompt_tokens"),
                integer(usage, "completion_tokens"),
                integer(usage, "total_tokens"),
                cost != null && cost.isNumber() ? cost.asDouble() : null,
                JSON.writeValueAsString(usage))));
    }

    private static EventDraft failure(@Nullable JsonNode error) {
        String message = error == null ? null : string(error, "message");
        JsonNode code = error == null ? null : error.get("code");
        return EventDraft.failed(
                FailureReason.UPSTREAM_ERROR,
                message == null || message.isBlank() ? "The upstream reported an error" : message,
                code != null && (code.isString() || code.isNumber()) ? code.asString() : null,
                null);
    }

    /**
     * The first choice's delta; an empty object for a chunk without choices (usage, error); null for
     * a shape this interpreter does not know.
     */
    private static @Nullable JsonNode firstChoiceDelta(JsonNode chunk) {
        JsonNode choices = chunk.get("choices");
        if (choices == null || choices.isNull()) {
            return NO_DELTA;
        }
        if (!choices.isArray()) {
            return null;
        }
        if (choices.isEmpty()) {
            return NO_DELTA;
        }
        JsonNode choice = choices.get(0);
        if (!choice.isObject()) {
            return null;
        }
        JsonNode delta = choice.get("delta");
        if (delta == null || delta.isNull()) {
            return NO_DELTA;
        }
        return delta.isObject() ? delta : null;
    }

    private static @Nullable String firstChoiceFinishReason(JsonNode chunk) {
        JsonNode choices = chunk.get("choices");
        if (choices == null || !choices.isArray() || choices.isEmpty()) {
            return null;
        }
        return string(choices.get(0), "finish_reason");
    }

    private List<EventDraft> skip(SkippedChunk cause, String data) {
        if (log.isDebugEnabled()) {
            log.debug("Skipped an upstream chunk ({}): {}", cause, abbreviate(data));
        }
        skipped.skipped(cause);
        return List.of();
    }

    private static String abbreviate(String data) {
        return data.length() <= 200 ? data : data.substring(0, 200) + "…";
    }

    private static @Nullable String string(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        return node != null && node.isString() ? node.stringValue() : null;
    }

    private static @Nullable Long integer(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        return node != null && node.isIntegralNumber() && node.canConvertToLong() ? node.asLong() : null;
    }
}
