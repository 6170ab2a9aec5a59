/**
 * The job sweeper: ends the jobs of dead ingest instances (orphans), asks live ones to end jobs that
 * ran too long (and ends those jobs itself when the owner ignores that), and retires finished jobs from the job state after their retention. Decisions
 * ({@link io.tributary.processor.sweep.SweepPolicy}) are pure and kept apart from the processor that
 * scans the stores and emits them ({@link io.tributary.processor.sweep.JobSweeper}).
 */
@NullMarked
package io.tributary.processor.sweep;

import org.jspecify.annotations.NullMarked;
