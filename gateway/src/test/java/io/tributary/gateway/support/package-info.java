/** Test support: events, an SSE parser, a JWT signer, a job log on a real broker, a running gateway. */
@NullMarked
package io.tributary.gateway.support;

import org.jspecify.annotations.NullMarked;
