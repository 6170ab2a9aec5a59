package io.tributary.support.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;

/**
 * Turns every exception a controller lets out into an {@link ApiError} with the right status.
 * Client mistakes are 4xx with a message that names the mistake; anything else is a 500 whose body
 * says nothing of the internals (the log has them).
 */
@RestControllerAdvice
public class ApiErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorAdvice.class);

    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<ApiError> badInput(ServerWebInputException e) {
        if (causedBy(e, DataBufferLimitException.class)) {
            return error(HttpStatus.CONTENT_TOO_LARGE, "Request body is too large");
        }
        String reason = causedBy(e, DecodingException.class) ? "Malformed JSON body" : e.getReason();
        return error(e.getStatusCode(), reason == null ? "Bad request" : reason);
    }

    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<ApiError> status(ResponseStatusException e) {
        String reason = e.getReason();
        return error(e.getStatusCode(), reason == null ? HttpStatus.valueOf(e.getStatusCode().value()).getReasonPhrase() : reason);
    }

    @ExceptionHandler(DataBufferLimitException.class)
    ResponseEntity<ApiError> tooLarge(DataBufferLimitException e) {
        return error(HttpStatus.CONTENT_TOO_LARGE, "Request body is too large");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e) {
        log.error("Unexpected error while handling a request", e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");
    }

    private static ResponseEntity<ApiError> error(HttpStatusCode status, String message) {
        return ResponseEntity.status(status).body(new ApiError(message));
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
