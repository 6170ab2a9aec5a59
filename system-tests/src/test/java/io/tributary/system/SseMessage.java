package io.tributary.system;

import org.jspecify.annotations.Nullable;

/** One dispatched SSE message as a browser's EventSource would see it. */
record SseMessage(@Nullable String id, String event, String data) {
}
