package io.tributary.processor.sweep;

/** Why a streaming job is known to have no live owner; the message becomes the job's failure message. */
public enum OrphanCause {

    /** The owner wrote a STOPPED lease: it shut down and runs nothing any more. */
    OWNER_STOPPED("stopped", "The ingest instance running this job stopped"),

    /** The owner's lease expired more than the grace ago: it has fenced itself off by now. */
    LEASE_EXPIRED("expired", "The ingest instance running this job stopped renewing its lease"),

    /** The owner has no lease at all and the job has been silent for longer than a lease lasts. */
    NO_LEASE("missing", "No live ingest instance is running this job");

    private final String tag;
    private final String message;

    OrphanCause(String tag, String message) {
        this.tag = tag;
        this.message = message;
    }

    /** A short lower-case name, for metric tags and logs. */
    public String tag() {
        return tag;
    }

    /** The failure message of the job's terminal event. */
    public String message() {
        return message;
    }
}
