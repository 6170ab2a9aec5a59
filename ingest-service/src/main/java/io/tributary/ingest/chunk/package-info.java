/** What the payloads of an OpenAI/OpenRouter chat-completions stream mean as job events. */
@NullMarked
package io.tributary.ingest.chunk;

import org.jspecify.annotations.NullMarked;
