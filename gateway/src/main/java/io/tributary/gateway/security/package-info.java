/**
 * Stream tokens: how a browser's {@code EventSource}, which cannot send an {@code Authorization} header,
 * opens one SSE stream with a short-lived token in its URL instead of the user's bearer token.
 */
@NullMarked
package io.tributary.gateway.security;

import org.jspecify.annotations.NullMarked;
