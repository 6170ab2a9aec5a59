package io.tributary.processor.sweep;

/**
 * What the sweeper has already done for a streaming job, so that it does it once: kept in a logged
 * store, so that the memory commits in the same transaction as the records it stands for and moves
 * with the task. A mark is dropped once the job is terminal or gone.
 *
 * @param orphanTerminalSeq the seq of the terminal event the sweeper wrote for the job, or
 *     {@value #NONE}; while the job's state is below it, that event is on its way back through the log
 * @param timeoutRequested whether a TIMEOUT command has been sent for the job
 */
public record SweepMark(long orphanTerminalSeq, boolean timeoutRequested) {

    public static final long NONE = -1;

    private static final SweepMark EMPTY = new SweepMark(NONE, false);

    /** No action taken yet. */
    public static SweepMark none() {
        return EMPTY;
    }

    public SweepMark withOrphanTerminal(long seq) {
        return new SweepMark(seq, timeoutRequested);
    }

    public SweepMark withTimeoutRequested() {
        return new SweepMark(orphanTerminalSeq, true);
    }

    /**
     * Whether the terminal event the sweeper wrote has not been folded yet. Once the state's seq has
     * reached it but the job still streams, the event lost to events of the owner that were already on
     * the log (the fold ignores a seq it has passed), and the job must be ended again.
     */
    public boolean orphanTerminalInFlight(long stateSeq) {
        return orphanTerminalSeq > stateSeq;
    }
}
