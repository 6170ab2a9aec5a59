package io.tributary.gateway.streams;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The protocol's reads: catch-up {@code GET}, long-poll, SSE and {@code HEAD}, served from this
 * gateway's registry. A read renews a stream's TTL (on this gateway; see the README); {@code HEAD} does
 * not.
 */
final class StreamReads {

    /** A read that reached the tail may change with the next append; one that did not never will. */
    private static final String IMMUTABLE_SLICE = "private, max-age=60, stale-while-revalidate=300";
    private static final Duration SOURCE_BEHIND = Duration.ofMillis(50);

    private final StreamRegistry registry;
    private final StreamAccess access;
    private final StreamCursors cursors;
    private final Clock clock;
    private final StreamExpiries expiries;
    private final Duration longPollTimeout;
    private final Duration sseReconnect;
    private final long readChunkBytes;

    /**
     * @param longPollTimeout how long a long-poll at the tail waits for data before a 204
     * @param sseReconnect how long one SSE response lasts before it ends and the client resumes
     * @param readChunkBytes about how much one read returns (always at least one record)
     */
    StreamReads(StreamRegistry registry, StreamAccess access, StreamCursors cursors, Clock clock,
            StreamExpiries expiries, Duration longPollTimeout, Duration sseReconnect,
            long readChunkBytes) {
        this.registry = registry;
        this.access = access;
        this.cursors = cursors;
        this.clock = clock;
        this.expiries = expiries;
        this.longPollTimeout = longPollTimeout;
        this.sseReconnect = sseReconnect;
        this.readChunkBytes = readChunkBytes;
    }

    Mono<ServerResponse> head(String path, @Nullable String caller) {
        return readable(path, caller, false).flatMap(stream -> StreamResponses.empty(200, headHeaders(stream)));
    }

    private static Map<String, String> headHeaders(DurableStream stream) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put(HttpHeaders.CONTENT_TYPE, stream.contentType());
        headers.put(StreamHeaders.NEXT_OFFSET, StreamOffsets.format(stream.tail()));
        headers.put(HttpHeaders.CACHE_CONTROL, "no-store");
        StreamSettings settings = stream.settings();
        if (settings.ttlSeconds() != null) {
            headers.put(StreamHeaders.TTL, Long.toString(settings.ttlSeconds()));
        }
        if (settings.expiresAt() != null) {
            headers.put(StreamHeaders.EXPIRES_AT, settings.requestedExpiresAt() != null
                    ? settings.requestedExpiresAt() : settings.expiresAt().toString());
        }
        if (stream.closed()) {
            headers.put(StreamHeaders.CLOSED, "true");
        }
        return headers;
    }

    Mono<ServerResponse> get(ServerRequest request, String path, @Nullable String caller) {
        Long requested = StreamRequests.offset(request.queryParams().get("offset"));
        StreamRequests.Live live = StreamRequests.live(request.queryParam("live").orElse(null));
        if (live != StreamRequests.Live.NONE && !request.queryParams().containsKey("offset")) {
            throw new ProtocolException(400, "A live read needs an offset");
        }
        String cursor = request.queryParam("cursor").orElse(null);
        return readable(path, caller, true).flatMap(stream -> {
            long after = requested == null ? stream.tail() : requested;
            return switch (live) {
                case NONE -> requested == null ? now(stream) : catchUp(request, stream, after);
                case LONG_POLL -> longPoll(stream, after, cursor);
                case SSE -> sse(stream, after, cursor);
            };
        });
    }

    /** {@code offset=now}: nothing, and where the tail is. */
    private Mono<ServerResponse> now(DurableStream stream) {
        DurableStream.Slice slice = stream.read(stream.tail(), 0);
        byte[] body = stream.isJson() ? "[]".getBytes(StandardCharsets.UTF_8) : new byte[0];
        return StreamResponses.bytes(200, headers -> {
            sliceHeaders(headers, stream, slice);
            headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
        }, body);
    }

    private Mono<ServerResponse> catchUp(ServerRequest request, DurableStream stream, long after) {
        DurableStream.Slice slice = stream.read(after, readChunkBytes);
        String etag = etag(stream, after, slice);
        if (request.headers().header(HttpHeaders.IF_NONE_MATCH).contains(etag)) {
            return StreamResponses.bytes(304, headers -> {
                headers.setETag(etag);
                headers.set(HttpHeaders.CACHE_CONTROL, cacheControl(slice));
            }, new byte[0]);
        }
        return StreamResponses.bytes(200, headers -> {
            sliceHeaders(headers, stream, slice);
            headers.setETag(etag);
            headers.set(HttpHeaders.CACHE_CONTROL, cacheControl(slice));
        }, body(stream, slice));
    }

    private Mono<ServerResponse> longPoll(DurableStream stream, long after, @Nullable String cursor) {
        DurableStream.Slice slice = stream.read(after, readChunkBytes);
        if (!slice.isEmpty() || slice.closed()) {
            return longPollAnswer(stream, slice, cursor);
        }
        return Mono.fromFuture(slice.changed(), true)
                .publishOn(Schedulers.parallel())
                .timeout(longPollTimeout, Mono.empty())
                .then(Mono.defer(() -> longPollAnswer(stream, stream.read(after, readChunkBytes), cursor)));
    }

    private Mono<ServerResponse> longPollAnswer(DurableStream stream, DurableStream.Slice slice,
            @Nullable String cursor) {
        if (slice.isEmpty()) {
            return StreamResponses.bytes(204, headers -> {
                sliceHeaders(headers, stream, slice);
                headers.remove(HttpHeaders.CONTENT_TYPE);
                if (!slice.closed()) {
                    headers.set(StreamHeaders.CURSOR, cursors.next(cursor));
                }
                headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
            }, new byte[0]);
        }
        return StreamResponses.bytes(200, headers -> {
            sliceHeaders(headers, stream, slice);
            headers.set(StreamHeaders.CURSOR, cursors.next(cursor));
            headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
        }, body(stream, slice));
    }

    private Mono<ServerResponse> sse(DurableStream stream, long after, @Nullable String cursor) {
        Flux<String> events = events(stream, after, cursor).take(sseReconnect);
        return StreamResponses.events(headers -> {
            headers.set(HttpHeaders.CONTENT_TYPE, "text/event-stream");
            headers.set(HttpHeaders.CACHE_CONTROL, "no-cache");
            if (ContentTypes.needsBase64(stream.contentType())) {
                headers.set(StreamHeaders.SSE_DATA_ENCODING, "base64");
            }
        }, events);
    }

    /**
     * What one SSE response sends from {@code after} on: each read as one string, a data event (if it
     * read anything) followed by its control event, so that the two are never split; then, at the tail,
     * the next read once the stream changes, or a control event again after a quiet long-poll's time.
     * It ends after the event that says the stream is closed, or when the stream is deleted. Each read
     * follows the last by {@code expand}, not by nesting: a response that lasts a minute may make
     * thousands of reads, and a chain of nested operators would grow with each.
     */
    private Flux<String> events(DurableStream stream, long after, @Nullable String cursor) {
        return read(stream, after, cursor)
                .expand(step -> step.last() ? Mono.empty() : next(stream, step, cursor))
                .map(SseStep::text);
    }

    private Mono<SseStep> next(DurableStream stream, SseStep previous, @Nullable String cursor) {
        if (!previous.slice().upToDate()) {
            // More to read at once; nothing read means a fork whose source this gateway has not read as
            // far yet: look again shortly.
            Mono<SseStep> more = read(stream, previous.slice().next(), cursor);
            return previous.slice().isEmpty() ? more.delaySubscription(SOURCE_BEHIND) : more;
        }
        return Mono.fromFuture(previous.slice().changed(), true)
                .publishOn(Schedulers.parallel())
                .timeout(longPollTimeout, Mono.empty())
                .then(read(stream, previous.slice().next(), cursor));
    }

    private Mono<SseStep> read(DurableStream stream, long after, @Nullable String cursor) {
        return Mono.fromSupplier(() -> {
            DurableStream.Slice slice = stream.read(after, readChunkBytes);
            StringBuilder text = new StringBuilder();
            if (!slice.isEmpty()) {
                text.append(SseFrames.data(slice.records(), stream.contentType()));
            }
            // Each control answers the client's cursor: the one it connected with.
            text.append(SseFrames.control(slice.next(), cursors.next(cursor), slice.upToDate(), slice.closed()));
            return new SseStep(text.toString(), slice, slice.closed() || stream.life() != DurableStream.Life.LIVE);
        });
    }

    /** One read of an SSE response: what it sends, what it read, and whether it is the last. */
    private record SseStep(String text, DurableStream.Slice slice, boolean last) {
    }

    /**
     * The stream at a path if the caller may read it: a 404 if there is none or its time is up (written
     * to the log), a 410 if it was deleted while it has forks. A read renews its TTL.
     */
    private Mono<DurableStream> readable(String path, @Nullable String caller, boolean renews) {
        DurableStream stream = registry.find(path);
        Instant now = clock.instant();
        if (stream == null) {
            return Mono.error(new ProtocolException(404, "No such stream"));
        }
        if (stream.life() == DurableStream.Life.SOFT_DELETED) {
            return Mono.error(new ProtocolException(410, "The stream was deleted"));
        }
        if (stream.expired(now)) {
            return expiries.expire(stream).then(Mono.error(new ProtocolException(404, "No such stream")));
        }
        access.checkOwner(stream, caller);
        if (renews) {
            stream.touch(now);
        }
        return Mono.just(stream);
    }

    private static void sliceHeaders(HttpHeaders headers, DurableStream stream, DurableStream.Slice slice) {
        headers.set(HttpHeaders.CONTENT_TYPE, stream.contentType());
        headers.set(StreamHeaders.NEXT_OFFSET, StreamOffsets.format(slice.next()));
        if (slice.upToDate()) {
            headers.set(StreamHeaders.UP_TO_DATE, "true");
        }
        if (slice.closed()) {
            headers.set(StreamHeaders.CLOSED, "true");
        }
    }

    private static byte[] body(DurableStream stream, DurableStream.Slice slice) {
        if (stream.isJson()) {
            return JsonMessages.arrayOf(slice.records().stream().map(StreamRecord::data).toList());
        }
        return SseFrames.concatenate(slice.records());
    }

    /** Changes with where the read ends and when the stream closes; names the incarnation and the start. */
    private static String etag(DurableStream stream, long after, DurableStream.Slice slice) {
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(stream.id().getBytes(StandardCharsets.UTF_8));
        return "\"" + id + ":" + after + ":" + slice.next() + (slice.closed() ? ":c" : "") + "\"";
    }

    private static String cacheControl(DurableStream.Slice slice) {
        return slice.upToDate() ? "no-cache" : IMMUTABLE_SLICE;
    }
}
