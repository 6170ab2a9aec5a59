package io.tributary.ingest.limit;

import java.time.Duration;

/**
 * A job was not started because a limit was reached or the instance cannot run jobs now; answered
 * with {@link RefusalKind#status()}, a {@code Retry-After} header and the message as JSON.
 */
public class JobRefusedException extends RuntimeException {

    private final RefusalKind kind;
    private final Duration retryAfter;

    public JobRefusedException(RefusalKind kind, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public RefusalKind kind() {
        return kind;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** {@link #retryAfter()} in whole seconds, rounded up and at least 1, as {@code Retry-After} carries it. */
    public long retryAfterSeconds() {
        long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
