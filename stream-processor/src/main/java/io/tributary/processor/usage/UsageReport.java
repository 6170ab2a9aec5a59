package io.tributary.processor.usage;

import io.tributary.schema.Usage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The token figures of one usage chunk. Prompt and completion tokens and the cost have fields of their
 * own on the event; reasoning and cached tokens are read from the upstream's usage object, kept
 * verbatim: {@code completion_tokens_details.reasoning_tokens} and
 * {@code prompt_tokens_details.cached_tokens}, as OpenAI and OpenRouter report them. A figure the
 * upstream did not report counts as 0; a usage object that does not parse is logged and counts its
 * own fields only.
 */
final class UsageReport {

    private static final Logger log = LoggerFactory.getLogger(UsageReport.class);

    private final JsonMapper mapper;

    UsageReport(JsonMapper mapper) {
        this.mapper = mapper;
    }

    record Tokens(long input, long output, long reasoning, long cached, double cost) {
    }

    Tokens tokens(Usage usage) {
        long reasoning = 0;
        long cached = 0;
        CharSequence json = usage.getJson();
        if (json != null) {
            try {
                JsonNode details = mapper.readTree(json.toString());
                reasoning = details.path("completion_tokens_details").path("reasoning_tokens").asLong(0);
                cached = details.path("prompt_tokens_details").path("cached_tokens").asLong(0);
            } catch (JacksonException e) {
                log.warn("A usage object that is not JSON; its reasoning and cached tokens count as 0: {}", e.getMessage());
            }
        }
        return new Tokens(orZero(usage.getPromptTokens()), orZero(usage.getCompletionTokens()), reasoning, cached,
                usage.getCost() == null ? 0 : usage.getCost());
    }

    private static long orZero(@Nullable Long value) {
        return value == null ? 0 : value;
    }
}
