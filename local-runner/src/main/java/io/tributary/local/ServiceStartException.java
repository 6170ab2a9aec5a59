package io.tributary.local;

/** A process that did not become ready; the message carries the end of its log. */
public class ServiceStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ServiceStartException(String message) {
        super(message);
    }
}
