package io.tributary.gateway.streams;

/** A request the protocol refuses before it reaches the log: its status and why. */
final class ProtocolException extends RuntimeException {

    private final int status;

    ProtocolException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
