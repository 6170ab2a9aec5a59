package io.tributary.ingest.limit;

import java.util.Locale;

import org.springframework.http.HttpStatus;

/** Why a job was not started, and the HTTP status that says so. */
public enum RefusalKind {

    /** The user already runs as many jobs as allowed. */
    USER_CONCURRENCY(HttpStatus.TOO_MANY_REQUESTS),
    /** The user started as many jobs as allowed within the last minute. */
    USER_RATE(HttpStatus.TOO_MANY_REQUESTS),
    /** This instance runs as many jobs as it may: the original API's 503 "server busy". */
    INSTANCE_CAPACITY(HttpStatus.SERVICE_UNAVAILABLE),
    /**
     * This instance may not start jobs now: it holds no valid liveness lease (not yet acquired, or
     * lost) or it is shutting down.
     */
    NOT_READY(HttpStatus.SERVICE_UNAVAILABLE);

    private final HttpStatus status;

    RefusalKind(HttpStatus status) {
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }

    /** The metric tag. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
