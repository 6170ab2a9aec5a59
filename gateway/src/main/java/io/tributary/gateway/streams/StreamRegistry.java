package io.tributary.gateway.streams;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.tributary.gateway.kafka.ReplicatedRecord;
import io.tributary.schema.StreamOperation;
import io.tributary.schema.StreamOperationKind;
import org.jspecify.annotations.Nullable;

/**
 * Every stream, as this gateway has applied {@code streams.log}: the state machine of the protocol.
 * Each operation is judged here, on the log's thread, against the state the operations before it left;
 * every gateway applies the same log with the same rules and so reaches the same verdicts. The gateway
 * that wrote an operation waits for its verdict ({@link #awaitVerdict}) and answers with it, which makes
 * concurrent writers at different gateways linear without any of them owning a stream: the log orders
 * them. Nothing here depends on the time of applying: an operation carries its own time, and expiry is
 * an operation of its own ({@code EXPIRE}), written by whichever gateway finds a stream's time up.
 *
 * <p>Nor on the order of partitions: a fork's {@code CREATE} names its source's incarnation, and a
 * replica that reads the fork's partition before its source's holds the fork's operations back
 * ({@link ParkedPaths}) until that incarnation is applied.
 */
public final class StreamRegistry {

    private final Map<String, DurableStream> byPath = new ConcurrentHashMap<>();
    private final Map<String, DurableStream> byIncarnation = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Verdict>> waiting = new ConcurrentHashMap<>();
    private final ParkedPaths parked = new ParkedPaths();

    /** The current incarnation at a path, live or soft-deleted; null if there is none. */
    @Nullable DurableStream find(String path) {
        return byPath.get(path);
    }

    /** The live streams whose time is up at {@code now}: for the sweeper to write their expiry. */
    List<DurableStream> expired(Instant now) {
        return byPath.values().stream()
                .filter(stream -> stream.life() == DurableStream.Life.LIVE && stream.expired(now))
                .toList();
    }

    /** How many operations wait for a fork's source. */
    public int parked() {
        return parked.size();
    }

    /** How many paths hold a stream. */
    public int size() {
        return byPath.size();
    }

    /** The verdict on an operation this gateway is about to write; forget it if the write fails. */
    CompletableFuture<Verdict> awaitVerdict(String operationId) {
        return waiting.computeIfAbsent(operationId, id -> new CompletableFuture<>());
    }

    void forget(String operationId) {
        waiting.remove(operationId);
    }

    /** Applies one record of {@code streams.log}; called on the replica's thread, in log order per partition. */
    public void apply(ReplicatedRecord<StreamOperation> record) {
        if (record.value() != null) {
            apply(record.value(), record.offset());
        }
    }

    private void apply(StreamOperation operation, long logOffset) {
        String source = operation.getKind() == StreamOperationKind.CREATE ? operation.getForkedFromIncarnation() : null;
        boolean sourceAhead = source != null && !byIncarnation.containsKey(source) && !parked.wasRemoved(source);
        if (parked.holds(operation.getPath()) || sourceAhead) {
            parked.park(operation, logOffset, sourceAhead ? source : null);
            return;
        }
        Verdict verdict = switch (operation.getKind()) {
            case CREATE -> create(operation, logOffset);
            case APPEND -> append(operation, logOffset);
            case DELETE -> delete(operation);
            case EXPIRE -> expire(operation);
            default -> Verdict.refused(400, "Unknown operation");
        };
        if (!verdict.changed() || !verdict.tombstones().isEmpty()) {
            // Nothing rests on it, or it removed streams: it goes from the log too, after theirs.
            verdict.tombstones().add(StreamLogKeys.of(operation));
        }
        CompletableFuture<Verdict> writer = waiting.remove(operation.getOperationId());
        if (writer != null) {
            writer.complete(verdict);
        }
    }

    /** Applies, in their order, the operations held back until this incarnation was applied or removed. */
    private void release(String incarnation) {
        parked.release(incarnation).forEach(held -> apply(held.operation(), held.logOffset()));
    }

    private Verdict create(StreamOperation operation, long logOffset) {
        String path = operation.getPath();
        DurableStream current = byPath.get(path);
        StreamSettings requested = requestedSettings(operation, null);
        if (current != null) {
            if (current.life() == DurableStream.Life.SOFT_DELETED) {
                return Verdict.refused(409, "The stream was deleted and still has forks");
            }
            if (!current.settings().sameAs(requested, current.forkPoint()) || current.closed() != operation.getClose()) {
                return Verdict.refused(409, "A stream exists at this path with another configuration");
            }
            Verdict same = Verdict.of(200).with("Content-Type", current.contentType()).withTail(current.tail());
            return current.closed() ? same.withClosed() : same;
        }
        DurableStream source = null;
        long forkPoint = 0;
        StreamRecord forkPrefix = null;
        if (operation.getForkedFromIncarnation() != null) {
            // The writer checked the source and resolved the fork point and prefix; by now it may be gone.
            source = byIncarnation.get(operation.getForkedFromIncarnation());
            if (source == null || source.life() == DurableStream.Life.GONE) {
                return Verdict.refused(404, "The stream to fork does not exist");
            }
            if (source.life() == DurableStream.Life.SOFT_DELETED) {
                return Verdict.refused(409, "The stream to fork was deleted");
            }
            forkPoint = operation.getForkPoint();
            if (operation.getForkPrefix() != null) {
                forkPrefix = new StreamRecord(bytes(operation.getForkPrefix()), operation.getForkPrefixMessages(), -1);
            }
            requested = requestedSettings(operation, source);
        }
        DurableStream created = new DurableStream(operation.getIncarnation(), path, requested, source, forkPoint,
                operation.getTime());
        if (forkPrefix != null) {
            created.append(forkPrefix, null, null, false);
        }
        StreamRecord initial = record(operation, logOffset);
        created.append(initial, null, null, operation.getClose());
        if (source != null) {
            source.addFork();
        }
        byPath.put(path, created);
        byIncarnation.put(created.id(), created);
        created.remember(StreamLogKeys.of(operation));
        release(created.id());
        Verdict verdict = Verdict.of(201).with("Content-Type", created.contentType()).withTail(created.tail());
        return (operation.getClose() ? verdict.withClosed() : verdict).changing();
    }

    /** The settings a CREATE asks for; a fork that asks for no TTL or expiry inherits its source's. */
    private static StreamSettings requestedSettings(StreamOperation operation, @Nullable DurableStream source) {
        String contentType = operation.getContentType() != null ? operation.getContentType()
                : source != null ? source.contentType() : ContentTypes.DEFAULT;
        Long ttl = operation.getTtlSeconds();
        Instant expiresAt = operation.getExpiresAt() == null ? null
                : DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(operation.getExpiresAt(), Instant::from);
        if (source != null && ttl == null && expiresAt == null) {
            ttl = source.settings().ttlSeconds();
            expiresAt = source.settings().expiresAt();
        }
        long subOffset = operation.getForkSubOffset() == null ? 0 : operation.getForkSubOffset();
        return new StreamSettings(contentType, operation.getTtlSeconds(), operation.getExpiresAt(), ttl, expiresAt,
                operation.getOwner(), operation.getForkedFrom(), operation.getForkOffset(), subOffset);
    }

    private static @Nullable StreamRecord record(StreamOperation operation, long logOffset) {
        if (operation.getData() == null || !operation.getData().hasRemaining()) {
            return null;
        }
        return new StreamRecord(bytes(operation.getData()), operation.getMessages(), logOffset);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private Verdict append(StreamOperation operation, long logOffset) {
        DurableStream stream = current(operation);
        if (stream == null) {
            return Verdict.refused(404, "No such stream");
        }
        if (stream.life() == DurableStream.Life.SOFT_DELETED) {
            return Verdict.refused(410, "The stream was deleted");
        }
        ProducerTuple producer = operation.getProducerId() == null ? null : new ProducerTuple(
                operation.getProducerId(), operation.getProducerEpoch(), operation.getProducerSeq());
        StreamRecord record = record(operation, logOffset);
        boolean closeOnly = record == null && operation.getClose();
        if (stream.closed()) {
            if (stream.closedBy(producer) || (closeOnly && producer == null)) {
                return withProducer(Verdict.of(204).withTail(stream.tail()).withClosed(), producer);
            }
            return Verdict.refused(409, "The stream is closed").withTail(stream.tail()).withClosed();
        }
        if (!closeOnly && operation.getContentType() != null && !ContentTypes.mediaType(operation.getContentType())
                .equals(ContentTypes.mediaType(stream.contentType()))) {
            return Verdict.refused(409, "The body's content type is not the stream's");
        }
        if (producer != null) {
            Verdict refusal = stream.checkProducer(producer);
            if (refusal != null) {
                return refusal;
            }
        }
        if (operation.getStreamSeq() != null && !stream.followsStreamSeq(operation.getStreamSeq())) {
            return Verdict.refused(409, "Stream-Seq must increase");
        }
        stream.touch(operation.getTime());
        stream.append(record, producer, operation.getStreamSeq(), operation.getClose());
        stream.remember(StreamLogKeys.of(operation));
        Verdict verdict = Verdict.of(producer != null && !closeOnly ? 200 : 204).withTail(stream.tail());
        if (operation.getClose()) {
            verdict.withClosed();
        }
        return withProducer(verdict, producer).changing();
    }

    private static Verdict withProducer(Verdict verdict, @Nullable ProducerTuple producer) {
        if (producer == null) {
            return verdict;
        }
        verdict.headers().putIfAbsent(StreamHeaders.PRODUCER_EPOCH, Long.toString(producer.epoch()));
        verdict.headers().putIfAbsent(StreamHeaders.PRODUCER_SEQ, Long.toString(producer.seq()));
        return verdict;
    }

    private Verdict delete(StreamOperation operation) {
        DurableStream stream = current(operation);
        if (stream == null) {
            return Verdict.refused(404, "No such stream");
        }
        if (stream.life() == DurableStream.Life.SOFT_DELETED) {
            return Verdict.refused(410, "The stream was deleted");
        }
        Verdict verdict = Verdict.of(204).changing();
        if (stream.forks() > 0) {
            stream.end(DurableStream.Life.SOFT_DELETED);
            stream.remember(StreamLogKeys.of(operation));
        } else {
            remove(stream, verdict.tombstones());
        }
        return verdict;
    }

    /** An expired stream frees its path at once; its forks keep reading what they took from it. */
    private Verdict expire(StreamOperation operation) {
        DurableStream stream = current(operation);
        if (stream == null) {
            return Verdict.refused(404, "No such stream");
        }
        Verdict verdict = Verdict.of(204).changing();
        if (stream.forks() > 0) {
            byPath.remove(stream.path(), stream);
            stream.end(DurableStream.Life.SOFT_DELETED);
            stream.remember(StreamLogKeys.of(operation));
        } else {
            remove(stream, verdict.tombstones());
        }
        return verdict;
    }

    /**
     * Removes a stream and, up its chain, every deleted source whose last fork it was, collecting the
     * log keys they rested on.
     */
    private void remove(DurableStream stream, List<String> tombstones) {
        byPath.remove(stream.path(), stream);
        byIncarnation.remove(stream.id());
        stream.end(DurableStream.Life.GONE);
        tombstones.addAll(stream.logKeys());
        parked.removed(stream.id());
        release(stream.id());
        DurableStream source = stream.source();
        if (source != null && source.removeFork() == 0 && source.life() == DurableStream.Life.SOFT_DELETED) {
            remove(source, tombstones);
        }
    }

    /** The stream an operation was made against; null if another incarnation holds the path by now. */
    private @Nullable DurableStream current(StreamOperation operation) {
        DurableStream stream = byPath.get(operation.getPath());
        if (stream == null || (operation.getIncarnation() != null && !operation.getIncarnation().equals(stream.id()))) {
            return null;
        }
        return stream;
    }
}
