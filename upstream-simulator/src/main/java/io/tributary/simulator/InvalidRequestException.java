package io.tributary.simulator;

/** A request the simulator cannot serve; answered with HTTP 400 and the message. */
public class InvalidRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidRequestException(String message) {
        super(message);
    }
}
