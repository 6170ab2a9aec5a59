package io.tributary.processor.sweep;

import io.tributary.schema.JobCommand;
import io.tributary.schema.JobEvent;

/** A record the sweeper emits, keyed by jobId; the topology routes each kind to its topic. */
public sealed interface SweepOutcome {

    /** A terminal event the sweeper writes in the owner's place (an orphan's or a timed-out job's), for {@code jobs.deltas}. */
    record TerminalEvent(JobEvent event) implements SweepOutcome {
    }

    /** A TIMEOUT command to the job's owner, for {@code jobs.control}. */
    record TimeoutCommand(JobCommand command) implements SweepOutcome {
    }

    /** The job left the state: a tombstone for {@code jobs.state}. */
    record Retirement() implements SweepOutcome {
    }
}
