package io.tributary.gateway.api;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import io.tributary.gateway.sse.StatusBodies;
import io.tributary.schema.JobStatus;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Reads the {@code status} parameter of the job list: one of the status names the API answers
 * ({@code streaming}, {@code complete}, {@code error}, {@code aborted}), in any case; absent means
 * every status. Anything else is a 400 that lists the accepted names.
 */
final class StatusFilter {

    private static final List<JobStatus> NAMED = Arrays.stream(JobStatus.values())
            .filter(status -> status != JobStatus.UNKNOWN)
            .toList();
    private static final String ACCEPTED = NAMED.stream().map(StatusBodies::statusName)
            .collect(Collectors.joining(", "));

    private StatusFilter() {
    }

    static Optional<JobStatus> parse(@Nullable String status) {
        if (status == null) {
            return Optional.empty();
        }
        String name = status.trim().toLowerCase(Locale.ROOT);
        return Optional.of(NAMED.stream()
                .filter(candidate -> StatusBodies.statusName(candidate).equals(name))
                .findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST,
                        "status must be one of " + ACCEPTED)));
    }
}
