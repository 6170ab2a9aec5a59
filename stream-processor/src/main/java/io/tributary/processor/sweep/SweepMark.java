package io.tributary.processor.sweep;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What the sweeper has already done for a streaming job, so that it does it once: kept in a logged
 * store, so that the memory commits in the same transaction as the records it stands for and moves
 * with the task. A mark is dropped once the job is terminal or gone.
 *
 * @param terminalSeq the seq of the terminal event the sweeper wrote for the job (an orphan's or a
 *     timed-out job's), or {@value #NONE}; while the job's state is below it, that event is on its way
 *     back through the log
 * @param timeoutRequestedAt when the sweeper sent the job's owner a TIMEOUT command (by the
 *     processor's wall clock), or null when it has not
 */
public record SweepMark(long terminalSeq, @Nullable Instant timeoutRequestedAt) {

    public static final long NONE = -1;

    private static final SweepMark EMPTY = new SweepMark(NONE, null);

    /** No action taken yet. */
    public static SweepMark none() {
        return EMPTY;
    }

    public SweepMark withTerminal(long seq) {
        return new SweepMark(seq, timeoutRequestedAt);
    }

    public SweepMark withTimeoutRequested(Instant at) {
        return new SweepMark(terminalSeq, at);
    }

    /** Whether a TIMEOUT command has been sent for the job. */
    public boolean timeoutRequested() {
        return timeoutRequestedAt != null;
    }

    /**
     * Whether the terminal event the sweeper wrote has not been folded yet. Once the state's seq has
     * reached it but the job still streams, the event lost to events of the owner that were already on
     * the log (the fold ignores a seq it has passed), and the job must be ended again.
     */
    public boolean terminalInFlight(long stateSeq) {
        return terminalSeq > stateSeq;
    }
}
