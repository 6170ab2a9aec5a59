/**
 * The ingest service: {@code POST /api/openrouter/stream} turns an upstream chat-completions stream
 * into job events on {@code jobs.deltas}.
 */
@NullMarked
package io.tributary.ingest;

import org.jspecify.annotations.NullMarked;
