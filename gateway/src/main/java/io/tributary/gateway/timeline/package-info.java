/**
 * Per-job timelines shared by a job's viewers: the exact join of a snapshot to the log, the fold,
 * pre-rendered messages and bounded per-viewer buffers.
 */
@NullMarked
package io.tributary.gateway.timeline;

import org.jspecify.annotations.NullMarked;
