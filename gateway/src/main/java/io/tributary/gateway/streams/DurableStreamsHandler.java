package io.tributary.gateway.streams;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import io.tributary.schema.StreamOperation;
import io.tributary.schema.StreamOperationKind;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * The protocol's writes at {@code /v1/stream/{path}}: {@code PUT} creates, {@code POST} appends or
 * closes, {@code DELETE} deletes; reads ({@code GET}, {@code HEAD}) go to {@link StreamReads}. What can
 * be refused from the request alone is refused here; everything that depends on the stream's state is
 * judged where the log is applied ({@link StreamRegistry}), and this answers with that verdict.
 */
final class DurableStreamsHandler {

    private final StreamRegistry registry;
    private final StreamWriter writer;
    private final StreamReads reads;
    private final StreamAccess access;
    private final StreamExpiries expiries;
    private final Clock clock;
    private final int maxAppendBytes;

    DurableStreamsHandler(StreamRegistry registry, StreamWriter writer, StreamReads reads, StreamAccess access,
            StreamExpiries expiries, Clock clock, int maxAppendBytes) {
        this.registry = registry;
        this.writer = writer;
        this.reads = reads;
        this.access = access;
        this.expiries = expiries;
        this.clock = clock;
        this.maxAppendBytes = maxAppendBytes;
    }

    Mono<ServerResponse> handle(ServerRequest request) {
        String path;
        try {
            path = StreamRequests.path(request.requestPath().pathWithinApplication().value());
        } catch (ProtocolException e) {
            return StreamResponses.error(e.status(), e.getMessage(), Map.of());
        }
        return access.caller(request)
                .flatMap(token -> dispatch(request, path, token.orElse(null)))
                .onErrorResume(ProtocolException.class,
                        e -> StreamResponses.error(e.status(), e.getMessage(), Map.of()))
                .onErrorResume(DataBufferLimitException.class,
                        e -> StreamResponses.error(413, "The body is larger than " + maxAppendBytes + " bytes", Map.of()))
                .onErrorResume(ResponseStatusException.class,
                        e -> StreamResponses.error(e.getStatusCode().value(), e.getReason() == null ? "Refused" : e.getReason(),
                                Map.of()))
                .onErrorResume(TimeoutException.class,
                        e -> StreamResponses.error(503, "The stream log did not answer in time", Map.of()));
    }

    private Mono<ServerResponse> dispatch(ServerRequest request, String path, @Nullable Jwt token) {
        HttpMethod method = request.method();
        if (access.isJobPath(path)) {
            return access.jobStream(request, path, token);
        }
        String caller = StreamAccess.user(token);
        if (HttpMethod.GET.equals(method)) {
            return reads.get(request, path, caller);
        }
        if (HttpMethod.HEAD.equals(method)) {
            return reads.head(path, caller);
        }
        if (HttpMethod.PUT.equals(method)) {
            return create(request, path, caller);
        }
        if (HttpMethod.POST.equals(method)) {
            return append(request, path, caller);
        }
        if (HttpMethod.DELETE.equals(method)) {
            return delete(path, caller);
        }
        return StreamResponses.error(405, "Method not allowed", Map.of(HttpHeaders.ALLOW, "GET, HEAD, PUT, POST, DELETE"));
    }

    private Mono<ServerResponse> create(ServerRequest request, String path, @Nullable String caller) {
        HttpHeaders headers = request.headers().asHttpHeaders();
        Long ttl = StreamRequests.ttl(headers);
        String expiresAt = StreamRequests.expiresAt(headers);
        if (ttl != null && expiresAt != null) {
            throw new ProtocolException(400, "Stream-TTL and Stream-Expires-At exclude each other");
        }
        String forkHeader = headers.getFirst(StreamHeaders.FORKED_FROM);
        String forkedFrom = forkHeader == null ? null : StreamRequests.forkSource(forkHeader.trim());
        Long forkOffset = forkedFrom == null ? null : StreamRequests.forkOffset(headers);
        long subOffset = StreamRequests.forkSubOffset(headers, forkedFrom != null);
        String contentType = headers.getFirst(HttpHeaders.CONTENT_TYPE);
        Instant now = clock.instant();
        Mono<Void> expiries = Mono.empty();
        DurableStream current = registry.find(path);
        boolean replaces = current == null || current.life() == DurableStream.Life.LIVE && current.expired(now);
        if (current != null && replaces) {
            expiries = expire(current);
        } else if (current != null) {
            access.checkOwner(current, caller);
        }
        String effectiveType = contentType;
        DurableStream source = null;
        // A PUT to a stream that exists is compared with it (200 or 409); only a new fork is resolved.
        if (forkedFrom != null && replaces) {
            source = registry.find(forkedFrom);
            if (source == null) {
                return StreamResponses.error(404, "The stream to fork does not exist", Map.of());
            }
            if (source.life() == DurableStream.Life.SOFT_DELETED) {
                return StreamResponses.error(409, "The stream to fork was deleted", Map.of());
            }
            if (source.expired(now)) {
                return expire(source).then(StreamResponses.error(404, "The stream to fork has expired", Map.of()));
            }
            access.checkOwner(source, caller);
            if (contentType != null && !ContentTypes.mediaType(contentType).equals(ContentTypes.mediaType(source.contentType()))) {
                return StreamResponses.error(409, "A fork has its source's content type", Map.of());
            }
            effectiveType = contentType != null ? contentType : source.contentType();
        }
        Fork fork = source == null ? null : Fork.of(source, forkOffset, subOffset);
        String jsonType = effectiveType;
        Mono<Void> expired = expiries;
        return body(request).flatMap(body -> {
            StreamOperation.Builder operation = operation(StreamOperationKind.CREATE, path, UUID.randomUUID().toString(), now)
                    .setOwner(caller).setContentType(contentType).setTtlSeconds(ttl).setExpiresAt(expiresAt)
                    .setForkedFrom(forkedFrom).setForkOffset(forkOffset).setForkSubOffset(subOffset == 0 ? null : subOffset)
                    .setClose(StreamRequests.closed(headers));
            if (fork != null) {
                fork.describe(operation);
            }
            setBody(operation, body, jsonType != null && ContentTypes.isJson(jsonType), true);
            return expired.then(writer.submit(operation.build()));
        }).flatMap(verdict -> {
            if (verdict.status() == 201) {
                verdict.with(HttpHeaders.LOCATION, request.uri().toString());
            }
            return StreamResponses.verdict(verdict);
        });
    }

    private Mono<ServerResponse> append(ServerRequest request, String path, @Nullable String caller) {
        HttpHeaders headers = request.headers().asHttpHeaders();
        ProducerTuple producer = StreamRequests.producer(headers);
        DurableStream stream = live(path, caller);
        if (stream == null) {
            return expiredOrMissing(path);
        }
        boolean close = StreamRequests.closed(headers);
        String contentType = headers.getFirst(HttpHeaders.CONTENT_TYPE);
        return body(request).flatMap(body -> {
            if (body.length == 0 && !close) {
                throw new ProtocolException(400, "An append needs a body, or Stream-Closed: true");
            }
            if (body.length > 0 && contentType == null) {
                throw new ProtocolException(400, "An append with a body needs a Content-Type");
            }
            StreamOperation.Builder operation = operation(StreamOperationKind.APPEND, path, stream.id(), clock.instant())
                    .setContentType(contentType).setClose(close)
                    .setStreamSeq(headers.getFirst(StreamHeaders.SEQ));
            if (producer != null) {
                operation.setProducerId(producer.id()).setProducerEpoch(producer.epoch()).setProducerSeq(producer.seq());
            }
            // A closed stream, or a body of another type, is refused by the verdict (409) before its JSON matters.
            boolean judgedAsJson = body.length > 0 && stream.isJson() && !stream.closed()
                    && ContentTypes.mediaType(contentType).equals(ContentTypes.mediaType(stream.contentType()));
            setBody(operation, body, judgedAsJson, false);
            return writer.submit(operation.build());
        }).flatMap(StreamResponses::verdict);
    }

    private Mono<ServerResponse> delete(String path, @Nullable String caller) {
        DurableStream stream = registry.find(path);
        if (stream == null) {
            return StreamResponses.error(404, "No such stream", Map.of());
        }
        if (stream.life() == DurableStream.Life.SOFT_DELETED) {
            return StreamResponses.error(410, "The stream was deleted", Map.of());
        }
        if (stream.expired(clock.instant())) {
            return expire(stream).then(StreamResponses.error(404, "No such stream", Map.of()));
        }
        access.checkOwner(stream, caller);
        return writer.submit(operation(StreamOperationKind.DELETE, path, stream.id(), clock.instant()).build())
                .flatMap(StreamResponses::verdict);
    }

    /**
     * The live stream at a path that the caller may use; null if there is none or its time is up (which
     * this then writes to the log). A soft-deleted stream is refused with a 410.
     */
    private @Nullable DurableStream live(String path, @Nullable String caller) {
        DurableStream stream = registry.find(path);
        if (stream == null) {
            return null;
        }
        if (stream.life() == DurableStream.Life.SOFT_DELETED) {
            throw new ProtocolException(410, "The stream was deleted");
        }
        if (stream.expired(clock.instant())) {
            return null;
        }
        access.checkOwner(stream, caller);
        return stream;
    }

    private Mono<ServerResponse> expiredOrMissing(String path) {
        DurableStream stream = registry.find(path);
        Mono<Void> expiry = stream == null ? Mono.empty() : expire(stream);
        return expiry.then(StreamResponses.error(404, "No such stream", Map.of()));
    }

    private Mono<Void> expire(DurableStream stream) {
        return expiries.expire(stream);
    }

    private Mono<byte[]> body(ServerRequest request) {
        long declared = request.headers().contentLength().orElse(-1);
        if (declared > maxAppendBytes) {
            return Mono.error(new DataBufferLimitException("Declared " + declared));
        }
        return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), maxAppendBytes)
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0]);
    }

    private static void setBody(StreamOperation.Builder operation, byte[] body, boolean json, boolean emptyArrayAllowed) {
        if (body.length == 0) {
            return;
        }
        if (!json) {
            operation.setData(ByteBuffer.wrap(body));
            return;
        }
        try {
            JsonMessages.Messages messages = JsonMessages.parse(body, emptyArrayAllowed);
            if (messages.count() > 0) {
                operation.setData(ByteBuffer.wrap(messages.data())).setMessages(messages.count());
            }
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(400, e.getMessage());
        }
    }

    private static StreamOperation.Builder operation(StreamOperationKind kind, String path, String incarnation,
            Instant now) {
        return StreamOperation.newBuilder().setOperationId(UUID.randomUUID().toString()).setKind(kind).setPath(path)
                .setIncarnation(incarnation).setTime(now);
    }
}
