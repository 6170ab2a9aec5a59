/** A non-blocking SSE viewer (Reactor Netty), so that one JVM can watch hundreds of streams at once. */
@NullMarked
package io.tributary.bench.sse;

import org.jspecify.annotations.NullMarked;
