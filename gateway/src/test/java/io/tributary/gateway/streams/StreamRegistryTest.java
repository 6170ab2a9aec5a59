package io.tributary.gateway.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.tributary.gateway.kafka.ReplicatedRecord;
import io.tributary.schema.StreamOperation;
import io.tributary.schema.StreamOperationKind;
import org.junit.jupiter.api.Test;

/**
 * The registry applies {@code streams.log} the same whichever partition a replica reads first: a fork
 * read before its source waits for it, and so does everything after it on the fork's path.
 */
class StreamRegistryTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    private final StreamRegistry registry = new StreamRegistry();
    private long offset;

    @Test
    void shouldHoldAForkAndItsPathsLaterOperationsUntilItsSourceIsApplied() {
        String source = UUID.randomUUID().toString();
        StreamOperation createSource = create("source", source).setData(text("Hello, world")).build();
        StreamOperation appendSource = operation(StreamOperationKind.APPEND, "source", source)
                .setContentType("text/plain").setData(text("!")).build();
        String fork = UUID.randomUUID().toString();
        StreamOperation createFork = create("fork", fork).setForkedFrom("source").setForkedFromIncarnation(source)
                .setForkPoint(1L).build();
        StreamOperation appendFork = operation(StreamOperationKind.APPEND, "fork", fork)
                .setContentType("text/plain").setData(text("?")).build();
        CompletableFuture<Verdict> forkVerdict = registry.awaitVerdict(createFork.getOperationId());

        // The fork's partition first, as a replica may read it.
        apply(createFork);
        apply(appendFork);
        assertThat(registry.find("fork")).isNull();
        assertThat(forkVerdict).isNotDone();

        apply(createSource);
        apply(appendSource);

        assertThat(forkVerdict.join().status()).isEqualTo(201);
        assertThat(read("fork")).isEqualTo("Hello, world?");
        assertThat(read("source")).isEqualTo("Hello, world!");
        assertThat(registry.find("source").forks()).isEqualTo(1);
    }

    @Test
    void shouldRefuseAForkWhoseSourceWasRemovedBeforeItWasApplied() {
        String source = UUID.randomUUID().toString();
        apply(create("gone", source).build());
        apply(operation(StreamOperationKind.DELETE, "gone", source).build());
        StreamOperation createFork = create("late-fork", UUID.randomUUID().toString()).setForkedFrom("gone")
                .setForkedFromIncarnation(source).setForkPoint(0L).build();
        CompletableFuture<Verdict> verdict = registry.awaitVerdict(createFork.getOperationId());

        apply(createFork);

        assertThat(verdict.join().status()).isEqualTo(404);
        assertThat(registry.find("late-fork")).isNull();
    }

    private void apply(StreamOperation operation) {
        registry.apply(new ReplicatedRecord<>(operation.getPath(), operation, 0, offset++));
    }

    private String read(String path) {
        DurableStream stream = registry.find(path);
        return new String(SseFrames.concatenate(stream.read(0, Long.MAX_VALUE).records()), StandardCharsets.UTF_8);
    }

    private static StreamOperation.Builder create(String path, String incarnation) {
        return operation(StreamOperationKind.CREATE, path, incarnation).setContentType("text/plain");
    }

    private static StreamOperation.Builder operation(StreamOperationKind kind, String path, String incarnation) {
        return StreamOperation.newBuilder().setOperationId(UUID.randomUUID().toString()).setKind(kind).setPath(path)
                .setIncarnation(incarnation).setTime(NOW);
    }

    private static ByteBuffer text(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
