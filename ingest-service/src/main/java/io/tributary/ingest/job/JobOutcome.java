package io.tributary.ingest.job;

import java.util.Locale;

/** How a job ended, as the metrics count it. */
public enum JobOutcome {

    COMPLETED,
    FAILED,
    ABORTED,
    /** The log refused one of the job's events, so the job was stopped without a terminal event of its own. */
    UNRECORDED;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
