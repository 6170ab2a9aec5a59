/**
 * The HTTP endpoints: job status and job stream, their cursors and the SSE response.
 */
@NullMarked
package io.tributary.gateway.api;

import org.jspecify.annotations.NullMarked;
