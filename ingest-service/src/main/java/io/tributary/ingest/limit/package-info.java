/**
 * Admission limits: how many jobs a user and this instance may run at once, how often a user may
 * start one, and the refusals (429, 503 with {@code Retry-After}) when they are reached.
 */
@NullMarked
package io.tributary.ingest.limit;

import org.jspecify.annotations.NullMarked;
