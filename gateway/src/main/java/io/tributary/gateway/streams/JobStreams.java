package io.tributary.gateway.streams;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.tributary.schema.JobState;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Tributary's jobs as read-only Durable Streams at {@code /v1/stream/jobs/{id}}: JSON mode, one message
 * per event of the job ({@link JobEventSource}), offsets from the events' seqs, live until the job's terminal
 * event and closed after it. {@code GET} (catch-up, long-poll, SSE) and {@code HEAD}; anything else is
 * a 405, since only the ingest writes a job.
 */
final class JobStreams {

    private static final String JSON = ContentTypes.JSON;

    private final JobEventSource log;
    private final StreamCursors cursors;
    private final Duration longPollTimeout;
    private final Duration sseReconnect;

    JobStreams(JobEventSource log, StreamCursors cursors, Duration longPollTimeout, Duration sseReconnect) {
        this.log = log;
        this.cursors = cursors;
        this.longPollTimeout = longPollTimeout;
        this.sseReconnect = sseReconnect;
    }

    Mono<ServerResponse> handle(ServerRequest request, String jobId, Jwt token) {
        boolean head = HttpMethod.HEAD.equals(request.method());
        if (!head && !HttpMethod.GET.equals(request.method())) {
            return StreamResponses.error(405, "A job's stream is read-only", Map.of(HttpHeaders.ALLOW, "GET, HEAD"));
        }
        Long requested = StreamRequests.offset(request.queryParams().get("offset"));
        StreamRequests.Live live = StreamRequests.live(request.queryParam("live").orElse(null));
        if (live != StreamRequests.Live.NONE && !request.queryParams().containsKey("offset")) {
            throw new ProtocolException(400, "A live read needs an offset");
        }
        String cursor = request.queryParam("cursor").orElse(null);
        return log.find(jobId, token).flatMap(job -> head ? head(job) : get(job, requested, live, cursor));
    }

    private Mono<ServerResponse> head(JobState job) {
        return log.read(job, Long.MAX_VALUE).flatMap(events -> StreamResponses.bytes(200, headers -> {
            headers.set(HttpHeaders.CONTENT_TYPE, JSON);
            headers.set(StreamHeaders.NEXT_OFFSET, StreamOffsets.format(events.next()));
            headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
            if (events.ended()) {
                headers.set(StreamHeaders.CLOSED, "true");
            }
        }, new byte[0]));
    }

    private Mono<ServerResponse> get(JobState job, @Nullable Long requested, StreamRequests.Live live,
            @Nullable String cursor) {
        long after = requested == null ? Long.MAX_VALUE : requested;
        return switch (live) {
            case NONE -> log.read(job, after).flatMap(events -> answer(events, false, null));
            case LONG_POLL -> log.read(job, after).flatMap(events -> !events.messages().isEmpty() || events.ended()
                    ? answer(events, true, cursor)
                    : log.next(job, events.next()).timeout(longPollTimeout, Mono.empty())
                            .then(log.read(job, events.next()))
                            .flatMap(later -> answer(later, true, cursor)));
            case SSE -> log.read(job, after).flatMap(events -> StreamResponses.events(headers -> {
                headers.set(HttpHeaders.CONTENT_TYPE, "text/event-stream");
                headers.set(HttpHeaders.CACHE_CONTROL, "no-cache");
            }, events(job, events, cursor).take(sseReconnect)));
        };
    }

    /** A read's answer; a long-poll's read that found nothing is a 204. */
    private Mono<ServerResponse> answer(JobEventSource.Events events, boolean longPoll, @Nullable String cursor) {
        int status = longPoll && events.messages().isEmpty() ? 204 : 200;
        byte[] body = status == 204 ? new byte[0] : array(events.messages());
        return StreamResponses.bytes(status, headers -> {
            if (status == 200) {
                headers.set(HttpHeaders.CONTENT_TYPE, JSON);
            }
            headers.set(StreamHeaders.NEXT_OFFSET, StreamOffsets.format(events.next()));
            headers.set(StreamHeaders.UP_TO_DATE, "true");
            if (events.ended()) {
                headers.set(StreamHeaders.CLOSED, "true");
            } else if (longPoll) {
                headers.set(StreamHeaders.CURSOR, cursors.next(cursor));
            }
            headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
        }, body);
    }

    /** The SSE events from a first read on, each read following the last by {@code expand} (see StreamReads). */
    private Flux<String> events(JobState job, JobEventSource.Events first, @Nullable String cursor) {
        return Mono.just(first)
                .expand(events -> events.ended() ? Mono.empty()
                        : log.next(job, events.next()).timeout(longPollTimeout, Mono.empty())
                                .then(log.read(job, events.next())))
                .map(events -> sseStep(events, cursor));
    }

    private String sseStep(JobEventSource.Events events, @Nullable String cursor) {
        StringBuilder step = new StringBuilder();
        if (!events.messages().isEmpty()) {
            step.append(SseFrames.data(records(events.messages()), JSON));
        }
        return step.append(SseFrames.control(events.next(), cursors.next(cursor), true, events.ended())).toString();
    }

    private static List<StreamRecord> records(List<byte[]> messages) {
        return messages.stream().map(message -> new StreamRecord(message, 1, -1)).toList();
    }

    private static byte[] array(List<byte[]> messages) {
        return messages.isEmpty() ? "[]".getBytes(StandardCharsets.UTF_8) : JsonMessages.arrayOf(messages);
    }
}
