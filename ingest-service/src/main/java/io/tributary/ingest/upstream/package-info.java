/** The HTTP client of the upstream chat-completions API. */
@NullMarked
package io.tributary.ingest.upstream;

import org.jspecify.annotations.NullMarked;
