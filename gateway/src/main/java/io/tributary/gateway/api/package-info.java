/**
 * The HTTP endpoints: job status, job stream (its cursors and the SSE response), abort, and the
 * list of a user's jobs.
 */
@NullMarked
package io.tributary.gateway.api;

import org.jspecify.annotations.NullMarked;
