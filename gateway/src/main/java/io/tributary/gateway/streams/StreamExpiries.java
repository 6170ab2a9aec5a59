package io.tributary.gateway.streams;

import java.time.Clock;
import java.util.UUID;

import io.tributary.schema.StreamOperation;
import io.tributary.schema.StreamOperationKind;
import reactor.core.publisher.Mono;

/**
 * Writes that a stream's time is up, when a request finds it so: every gateway then lets the stream go
 * at the same point of the log, and a {@code PUT} after it makes a fresh stream everywhere. Several
 * gateways may write it for one stream; all but the first are void.
 */
final class StreamExpiries {

    private final StreamWriter writer;
    private final Clock clock;

    StreamExpiries(StreamWriter writer, Clock clock) {
        this.writer = writer;
        this.clock = clock;
    }

    Mono<Void> expire(DurableStream stream) {
        return writer.submit(StreamOperation.newBuilder().setOperationId(UUID.randomUUID().toString())
                        .setKind(StreamOperationKind.EXPIRE).setPath(stream.path()).setIncarnation(stream.id())
                        .setTime(clock.instant()).build())
                .then();
    }
}
