package io.tributary.processor.notify;

/** Why a finished job's user is not notified. */
public enum SuppressionReason {

    /** The job was proxied to its caller, who was attached to the end. */
    FOREGROUND("foreground"),

    /** The job names no user to notify. */
    NO_USER("no-user"),

    /** A viewer was watching the job when it ended, on some gateway. */
    WATCHED("watched"),

    /** The user muted the job's thread. */
    MUTED("muted");

    private final String tag;

    SuppressionReason(String tag) {
        this.tag = tag;
    }

    /** A short lower-case name, for metric tags and logs. */
    public String tag() {
        return tag;
    }
}
