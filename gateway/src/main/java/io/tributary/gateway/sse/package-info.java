/**
 * What the gateway writes: the JSON bodies of the API and the SSE framing of a job's messages, safe
 * for any content.
 */
@NullMarked
package io.tributary.gateway.sse;

import org.jspecify.annotations.NullMarked;
