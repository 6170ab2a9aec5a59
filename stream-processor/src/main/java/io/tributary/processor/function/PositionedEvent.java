package io.tributary.processor.function;

import io.tributary.schema.JobEvent;
import io.tributary.schema.LogPosition;

/**
 * A job event together with where it lies on {@code jobs.deltas}. The fold records the position in
 * the job state so that a reader can join the state to the log exactly (read the state, then the log
 * from its last offset + 1).
 *
 * <p>Lives only between the stamping step and the aggregation of one task: the key never changes on
 * the way, so it is never repartitioned and needs no serde.
 *
 * @param event the event as the ingest wrote it
 * @param position the partition and offset of the event's record on {@code jobs.deltas}
 */
public record PositionedEvent(JobEvent event, LogPosition position) {
}
