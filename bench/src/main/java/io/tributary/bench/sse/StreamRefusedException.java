package io.tributary.bench.sse;

/** The gateway answered a stream request with another status than 200. */
public final class StreamRefusedException extends RuntimeException {

    private final int status;

    public StreamRefusedException(String url, int status) {
        super(url + " answered " + status);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
