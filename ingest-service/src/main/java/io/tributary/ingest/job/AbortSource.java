package io.tributary.ingest.job;

import java.util.Locale;

/** Who aborted a job. */
public enum AbortSource {

    /** An abort command on {@code jobs.control} (a user asked through the gateway). */
    COMMAND,
    /** The caller of a foreground job went away. */
    CALLER_DISCONNECTED;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
