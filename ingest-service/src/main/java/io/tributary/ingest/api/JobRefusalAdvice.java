package io.tributary.ingest.api;

import io.tributary.ingest.limit.JobRefusedException;
import io.tributary.support.web.ApiError;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A refused job start: 429 (a per-user limit) or 503 (server busy, not ready) with
 * {@code Retry-After} and the JSON error. Ahead of the shared {@code ApiErrorAdvice}, which answers
 * every status with a JSON body but without extra headers.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class JobRefusalAdvice {

    @ExceptionHandler(JobRefusedException.class)
    ResponseEntity<ApiError> refused(JobRefusedException e) {
        return ResponseEntity.status(e.kind().status())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(new ApiError(e.getMessage()));
    }
}
