/** An incremental, bounded parser of {@code text/event-stream} bodies (WHATWG rules); no Spring, no JSON. */
@NullMarked
package io.tributary.ingest.sse;

import org.jspecify.annotations.NullMarked;
