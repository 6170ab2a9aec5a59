package io.tributary.ingest.upstream;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request to send upstream.
 *
 * @param body the chat-completions body exactly as it goes upstream (Tributary's own fields removed)
 * @param clientKey the caller's own upstream key, used only where the configuration allows it
 */
public record UpstreamRequest(ObjectNode body, @Nullable String clientKey) {

    /** Without the key, which must never reach a log line through this record. */
    @Override
    public String toString() {
        return "UpstreamRequest[model=" + body.path("model").asString("") + ", clientKey="
                + (clientKey == null ? "none" : KeyRedactor.REDACTED) + "]";
    }
}
