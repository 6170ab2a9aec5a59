package io.tributary.gateway.audit;

import java.time.Clock;
import java.util.UUID;

import io.tributary.gateway.kafka.TopicPublisher;
import io.tributary.schema.AuditAccess;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Writes one record on {@code audit.access} for each read an auditor makes of another user's data, and
 * completes only once every in-sync replica has it: the read is answered after its record, never
 * without one (a record that cannot be written makes the read a 503). Each record has an id of its own;
 * the idempotent producer writes it once.
 */
public final class AccessRecords {

    private final TopicPublisher<AuditAccess> publisher;
    private final Clock clock;

    public AccessRecords(TopicPublisher<AuditAccess> publisher, Clock clock) {
        this.publisher = publisher;
        this.clock = clock;
    }

    /**
     * @param auditor the auditor's subject
     * @param userId whose data; null when the resource was not found
     * @param resource {@code job:<id>} or {@code user:<id>}
     * @param endpoint what was asked for
     * @param status the answer: 200 served, 404 not found
     */
    public Mono<Void> record(String auditor, @Nullable String userId, String resource, String endpoint, int status) {
        AuditAccess access = AuditAccess.newBuilder()
                .setId(UUID.randomUUID().toString())
                .setAuditor(auditor)
                .setUserId(userId)
                .setResource(resource)
                .setEndpoint(endpoint)
                .setStatus(status)
                .setTimestamp(clock.instant())
                .build();
        return publisher.publish(auditor, access)
                // The answer goes on off the producer's network thread.
                .publishOn(Schedulers.parallel())
                .onErrorMap(error -> new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                        "The read could not be recorded for the audit; retry"))
                .then();
    }
}
