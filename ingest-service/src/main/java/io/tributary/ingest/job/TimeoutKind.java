package io.tributary.ingest.job;

import java.util.Locale;

/** Why a job timed out; each ends the job FAILED(TIMEOUT) "Job timed out". */
public enum TimeoutKind {

    /** It ran longer than {@code tributary.ingest.max-duration}. */
    MAX_DURATION,
    /** No upstream byte, comments included, for {@code tributary.ingest.idle-timeout}. */
    IDLE,
    /** The processor's backstop: a TIMEOUT command on {@code jobs.control}. */
    COMMAND;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
