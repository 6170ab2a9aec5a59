package io.tributary.simulator;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the simulator needs from a chat-completions request: the model, the last user message (which
 * seeds the reply), a rough prompt size for the usage chunk, whether to stream, and the simulation options.
 *
 * <p>Options come from a top-level {@code "simulator"} object in the body, else from
 * {@code X-Simulator-*} headers, else from {@link SimulatorOptions#DEFAULTS}, field by field. The body wins
 * because a proxy in front of the simulator (the ingest) forwards the body but not the caller's headers.
 *
 * @param model the requested model, echoed in every chunk
 * @param lastUserMessage the text of the last message whose role is {@code user}, empty when there is none
 * @param promptTokens the number of whitespace-separated words in all messages, at least 1
 * @param stream whether the caller asked for an SSE stream
 * @param options the length, pace and outcome of the reply
 */
record ChatRequest(String model, String lastUserMessage, int promptTokens, boolean stream, SimulatorOptions options) {

    static final String DEFAULT_MODEL = "simulator/echo";
    static final String HEADER_CHUNKS = "X-Simulator-Chunks";
    static final String HEADER_INTERVAL_MS = "X-Simulator-Interval-Ms";
    static final String HEADER_CHUNK_CHARS = "X-Simulator-Chunk-Chars";
    static final String HEADER_FAIL = "X-Simulator-Fail";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static ChatRequest parse(String body, Map<String, String> headers) {
        Map<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseInsensitive.putAll(headers);
        return parse(body, caseInsensitive::get);
    }

    static ChatRequest parse(String body, Function<String, @Nullable String> header) {
        JsonNode root = readJson(body);
        JsonNode messages = root.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            throw new InvalidRequestException("messages must be a non-empty array");
        }
        JsonNode model = root.path("model");
        if (!model.isMissingNode() && !model.isString()) {
            throw new InvalidRequestException("model must be a string");
        }
        JsonNode stream = root.path("stream");
        if (!stream.isMissingNode() && !stream.isNull() && !stream.isBoolean()) {
            throw new InvalidRequestException("stream must be a boolean");
        }
        return new ChatRequest(
                model.isString() ? model.stringValue() : DEFAULT_MODEL,
                lastUserMessage(messages),
                promptTokens(messages),
                stream.isBoolean() && stream.booleanValue(),
                options(root.path("simulator"), header));
    }

    private static JsonNode readJson(String body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null || !root.isObject()) {
                throw new InvalidRequestException("The request body must be a JSON object");
            }
            return root;
        } catch (JacksonException e) {
            throw new InvalidRequestException("The request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String lastUserMessage(JsonNode messages) {
        String last = "";
        for (JsonNode message : messages) {
            if ("user".equals(message.path("role").asString(""))) {
                last = text(message.path("content"));
            }
        }
        return last;
    }

    /** Content is either a string or an array of parts, of which the {@code text} parts count. */
    private static String text(JsonNode content) {
        if (content.isString()) {
            return content.stringValue();
        }
        StringBuilder text = new StringBuilder();
        if (content.isArray()) {
            for (JsonNode part : content) {
                if ("text".equals(part.path("type").asString("")) && part.path("text").isString()) {
                    text.append(part.path("text").stringValue());
                }
            }
        }
        return text.toString();
    }

    private static int promptTokens(JsonNode messages) {
        int words = 0;
        for (JsonNode message : messages) {
            String text = text(message.path("content")).strip();
            words += text.isEmpty() ? 0 : text.split("\\s+").length;
        }
        return Math.max(1, words);
    }

    private static SimulatorOptions options(JsonNode body, Function<String, @Nullable String> header) {
        if (!body.isMissingNode() && !body.isNull() && !body.isObject()) {
            throw new InvalidRequestException("simulator must be an object");
        }
        int chunks = intOption(body, "chunks", header.apply(HEADER_CHUNKS), SimulatorOptions.DEFAULT_CHUNKS);
        int intervalMs = intOption(body, "interval_ms", header.apply(HEADER_INTERVAL_MS),
                SimulatorOptions.DEFAULT_INTERVAL_MS);
        int chunkChars = intOption(body, "chunk_chars", header.apply(HEADER_CHUNK_CHARS),
                SimulatorOptions.DEFAULT_CHUNK_CHARS);
        FailMode fail = failMode(body, header.apply(HEADER_FAIL));
        String reply = literalReply(body);
        return reply == null
                ? new SimulatorOptions(chunks, Duration.ofMillis(intervalMs), chunkChars, fail)
                : SimulatorOptions.literal(reply, Duration.ofMillis(intervalMs), chunkChars, fail);
    }

    /**
     * {@code simulator.reply}: the body only, since a header cannot carry the line breaks and control
     * characters this option exists to send. It replaces {@code chunks}, which follows from its length.
     */
    private static @Nullable String literalReply(JsonNode body) {
        JsonNode value = body.path("reply");
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isString() || value.stringValue().isEmpty()) {
            throw new InvalidRequestException("simulator.reply must be a non-empty string");
        }
        return value.stringValue();
    }

    private static int intOption(JsonNode body, String name, @Nullable String headerValue, int fallback) {
        JsonNode value = body.path(name);
        if (!value.isMissingNode() && !value.isNull()) {
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                throw new InvalidRequestException("simulator." + name + " must be an integer");
            }
            return value.intValue();
        }
        if (headerValue != null) {
            try {
                return Integer.parseInt(headerValue.strip());
            } catch (NumberFormatException e) {
                throw new InvalidRequestException("simulator." + name + " must be an integer");
            }
        }
        return fallback;
    }

    private static FailMode failMode(JsonNode body, @Nullable String headerValue) {
        JsonNode value = body.path("fail");
        String name;
        if (!value.isMissingNode() && !value.isNull()) {
            if (!value.isString()) {
                throw new InvalidRequestException("simulator.fail must be a string");
            }
            name = value.stringValue();
        } else if (headerValue != null) {
            name = headerValue.strip();
        } else {
            return FailMode.NONE;
        }
        return FailMode.fromWireName(name.toLowerCase(Locale.ROOT)).orElseThrow(() -> new InvalidRequestException(
                "simulator.fail must be one of none, http_500, midstream_error, disconnect"));
    }
}
