package io.tributary.processor.sweep;

import io.tributary.schema.JobCommand;
import io.tributary.schema.JobEvent;

/** A record the sweeper emits, keyed by jobId; the topology routes each kind to its topic. */
public sealed interface SweepOutcome {

    /** An orphan's terminal event, for {@code jobs.deltas}. */
    record OrphanTerminal(JobEvent event) implements SweepOutcome {
    }

    /** A TIMEOUT command to the job's owner, for {@code jobs.control}. */
    record TimeoutCommand(JobCommand command) implements SweepOutcome {
    }

    /** The job left the state: a tombstone for {@code jobs.state}. */
    record Retirement() implements SweepOutcome {
    }
}
