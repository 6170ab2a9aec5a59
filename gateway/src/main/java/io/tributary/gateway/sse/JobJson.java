package io.tributary.gateway.sse;

import io.tributary.schema.Usage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON writer of the gateway's answers: the SSE payloads, the status and the list endpoints share
 * it, so all escape the same way ({@link SseSafeEscapes}, then {@link LoneSurrogates}). A private
 * mapper, not the application's, because the escapes are a property of the wire format, not a taste of
 * the application.
 */
public final class JobJson {

    private static final Logger log = LoggerFactory.getLogger(JobJson.class);

    private final JsonMapper mapper = JsonMapper
            .builder(JsonFactory.builder().characterEscapes(new SseSafeEscapes()).build())
            // Record component order is the documented field order; Jackson 3 would sort alphabetically.
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build();

    /**
     * The value as one line of JSON: no raw CR, LF, NUL, U+2028, U+2029 or unpaired surrogate in it,
     * so its UTF-8 encoding is exact; paired surrogates stay raw (4 bytes per emoji in UTF-8).
     */
    public String write(Object value) {
        return LoneSurrogates.escape(mapper.writeValueAsString(value));
    }

    /**
     * Usage in OpenAI's shape: the object the upstream sent, verbatim (with every detail such as
     * {@code prompt_tokens_details} or {@code cost_details}), with {@code prompt_tokens},
     * {@code completion_tokens}, {@code total_tokens} and {@code cost} always present.
     */
    public @Nullable JsonNode usage(@Nullable Usage usage) {
        if (usage == null) {
            return null;
        }
        ObjectNode node = verbatim(usage.getJson());
        putIfKnown(node, "prompt_tokens", usage.getPromptTokens());
        putIfKnown(node, "completion_tokens", usage.getCompletionTokens());
        putIfKnown(node, "total_tokens", usage.getTotalTokens());
        if (usage.getCost() != null) {
            node.put("cost", usage.getCost());
        } else if (!node.has("cost")) {
            node.putNull("cost");
        }
        return node;
    }

    private ObjectNode verbatim(@Nullable String json) {
        if (json != null) {
            try {
                if (mapper.readTree(json) instanceof ObjectNode object) {
                    return object;
                }
            } catch (JacksonException e) {
                log.debug("Usage JSON is not readable, answering the typed fields only: {}", e.getOriginalMessage());
            }
        }
        return mapper.createObjectNode();
    }

    private static void putIfKnown(ObjectNode node, String field, @Nullable Long value) {
        if (value != null) {
            node.put(field, value.longValue());
        } else if (!node.has(field)) {
            node.putNull(field);
        }
    }
}
