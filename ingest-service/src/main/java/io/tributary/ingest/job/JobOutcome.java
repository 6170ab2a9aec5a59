package io.tributary.ingest.job;

import java.util.Locale;

/** How a job ended, as the metrics count it. */
public enum JobOutcome {

    COMPLETED,
    FAILED,
    ABORTED,
    /** The log refused one of the job's events, so the job was stopped without a terminal event of its own. */
    UNRECORDED,
    /**
     * This instance lost its liveness lease, so it stopped the job without writing anything more:
     * its terminal event is the processor's to write once the lease has expired.
     */
    FENCED;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
