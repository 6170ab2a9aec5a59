package io.tributary.processor.sweep;

/** What the sweeper does with one job on one sweep. */
public sealed interface SweepDecision {

    /** Leave the job as it is. */
    SweepDecision KEEP = new Keep();

    /** Nothing to do, or something already on its way. */
    record Keep() implements SweepDecision {
    }

    /** The job's owner is known dead: write the job's terminal event (failed, interrupted). */
    record EndOrphan(OrphanCause cause) implements SweepDecision {
    }

    /** The job outlived the maximum duration while its owner is alive: ask the owner to end it. */
    record RequestTimeout() implements SweepDecision {
    }

    /**
     * The job's live owner was asked to time it out longer than the timeout escalation ago and the job
     * still streams: write the job's terminal event (failed, timeout) in the owner's place.
     */
    record EndTimedOut() implements SweepDecision {
    }

    /** The job finished longer ago than the retention: remove it from the state. */
    record Retire() implements SweepDecision {
    }
}
