package io.tributary.gateway.streams;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.tributary.gateway.kafka.ReplicatedRecord;
import io.tributary.schema.StreamOperation;
import org.jspecify.annotations.Nullable;

/**
 * Every stream, as this gateway has applied {@code streams.log}: the state machine of the protocol.
 * Each operation is judged here, on the log's thread, against the state the operations before it left;
 * every gateway applies the same log with the same rules and so reaches the same verdicts. The gateway
 * that wrote an operation waits for its verdict ({@link #awaitVerdict}) and answers with it, which makes
 * concurrent writers at different gateways linear without any of them owning a stream: the log orders
 * them. Nothing here depends on the time of applying: an operation carries its own time, and expiry is
 * an operation of its own ({@code EXPIRE}), written by whichever gateway finds a stream's time up.
 */
public final class StreamRegistry {

    private final Map<String, DurableStream> byPath = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Verdict>> waiting = new ConcurrentHashMap<>();

    /** The current incarnation at a path, live or soft-deleted; null if there is none. */
    @Nullable DurableStream find(String path) {
        return byPath.get(path);
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
        StreamOperation operation = record.value();
        if (operation == null) {
            return;
        }
        Verdict verdict = switch (operation.getKind()) {
            case CREATE -> create(operation, record.offset());
            case APPEND -> append(operation, record.offset());
            case DELETE -> delete(operation);
            case EXPIRE -> expire(operation);
            default -> Verdict.refused(400, "Unknown operation");
        };
        CompletableFuture<Verdict> writer = waiting.remove(operation.getOperationId());
        if (writer != null) {
            writer.complete(verdict);
        }
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
        if (operation.getForkedFrom() != null) {
            source = byPath.get(operation.getForkedFrom());
            if (source == null) {
                return Verdict.refused(404, "The stream to fork does not exist");
            }
            if (source.life() == DurableStream.Life.SOFT_DELETED) {
                return Verdict.refused(409, "The stream to fork was deleted");
            }
            if (operation.getContentType() != null && !ContentTypes.mediaType(operation.getContentType())
                    .equals(ContentTypes.mediaType(source.contentType()))) {
                return Verdict.refused(409, "A fork has its source's content type");
            }
            long sourceTail = source.tail();
            forkPoint = operation.getForkOffset() == null ? sourceTail : operation.getForkOffset();
            if (forkPoint > sourceTail) {
                return Verdict.refused(400, "The fork offset is beyond the source's tail");
            }
            long subOffset = operation.getForkSubOffset() == null ? 0 : operation.getForkSubOffset();
            if (subOffset > 0) {
                StreamRecord next = source.recordAt(forkPoint + 1);
                if (next == null) {
                    return Verdict.refused(400, "There is no record after the fork offset to take part of");
                }
                try {
                    forkPrefix = next.prefix(subOffset);
                } catch (IllegalArgumentException e) {
                    return Verdict.refused(400, "The fork sub-offset is beyond the record: " + e.getMessage());
                }
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
        Verdict verdict = Verdict.of(201).with("Content-Type", created.contentType()).withTail(created.tail());
        return operation.getClose() ? verdict.withClosed() : verdict;
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
        byte[] data = new byte[operation.getData().remaining()];
        operation.getData().duplicate().get(data);
        return new StreamRecord(data, operation.getMessages(), logOffset);
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
        Verdict verdict = Verdict.of(producer != null && !closeOnly ? 200 : 204).withTail(stream.tail());
        if (operation.getClose()) {
            verdict.withClosed();
        }
        return withProducer(verdict, producer);
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
        if (stream.forks() > 0) {
            stream.end(DurableStream.Life.SOFT_DELETED);
        } else {
            remove(stream);
        }
        return Verdict.of(204);
    }

    /** An expired stream frees its path at once; its forks keep reading what they took from it. */
    private Verdict expire(StreamOperation operation) {
        DurableStream stream = current(operation);
        if (stream == null) {
            return Verdict.refused(404, "No such stream");
        }
        if (stream.forks() > 0) {
            byPath.remove(stream.path(), stream);
            stream.end(DurableStream.Life.SOFT_DELETED);
        } else {
            remove(stream);
        }
        return Verdict.of(204);
    }

    /** Removes a stream and, up its chain, every deleted source whose last fork it was. */
    private void remove(DurableStream stream) {
        byPath.remove(stream.path(), stream);
        stream.end(DurableStream.Life.GONE);
        DurableStream source = stream.source();
        if (source != null && source.removeFork() == 0 && source.life() == DurableStream.Life.SOFT_DELETED) {
            remove(source);
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
