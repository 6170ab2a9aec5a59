/**
 * Auditors: tokens that may read any user's jobs (never write), and the record of every such read on
 * {@code audit.access}, written before the answer.
 */
@NullMarked
package io.tributary.gateway.audit;

import org.jspecify.annotations.NullMarked;
