package io.tributary.gateway.api;

import java.nio.ByteBuffer;
import java.util.List;

import io.tributary.gateway.timeline.LoggedEvent;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/jobs/{id}/raw}: the provider's stream as the ingest received it, for audits and
 * incident review: the {@code raw} bytes of the job's events on {@code jobs.deltas}, in seq order, which
 * the ingest keeps when {@code tributary.ingest.capture-raw} is on. Byte for byte: comments, line
 * endings, a byte-order mark and invalid UTF-8 come back as sent. What came after the job's terminal
 * event was never read, so it is not there. A job still streaming gives what has come so far, and the
 * {@value #ENDED_HEADER} header says which. A job that ran without capture is a 404, as is any job the
 * caller may not read ({@link JobReads}: the owner, or an auditor, recorded).
 *
 * <p>The answer is one body, not a live stream: its type is {@code text/event-stream} because that is
 * what the bytes are, and it is written as bytes so that nothing re-frames them.
 */
@RestController
final class JobRawController {

    /** {@code true} when the body holds the job's whole capture, {@code false} while the job still streams. */
    static final String ENDED_HEADER = "X-Tributary-Job-Ended";

    private final JobReads jobs;
    private final JobEventReads reads;

    JobRawController(JobReads jobs, JobEventReads reads) {
        this.jobs = jobs;
        this.reads = reads;
    }

    @GetMapping("/api/jobs/{id}/raw")
    Mono<Void> raw(@PathVariable String id, @AuthenticationPrincipal Jwt token, ServerHttpResponse response) {
        return jobs.find(id, token, "raw")
                .flatMap(reads::of)
                .flatMap(events -> write(id, events, response));
    }

    private static Mono<Void> write(String id, List<LoggedEvent> events, ServerHttpResponse response) {
        byte[] captured = concatenated(events);
        if (captured == null) {
            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "Job " + id
                    + " has no raw capture: tributary.ingest.capture-raw was off when it ran"));
        }
        response.getHeaders().setContentType(new MediaType("text", "event-stream"));
        response.getHeaders().setContentLength(captured.length);
        response.getHeaders().set(ENDED_HEADER, Boolean.toString(JobEventReads.ended(events)));
        response.getHeaders().setContentDisposition(
                ContentDisposition.inline().filename(id + ".sse").build());
        return response.writeWith(Mono.just(response.bufferFactory().wrap(captured)));
    }

    /**
     * The events' raw bytes in seq order; null when no event has the field set, which the ingest sets on
     * every event (empty when no byte came) when capture is on.
     */
    private static byte @Nullable [] concatenated(List<LoggedEvent> events) {
        int total = 0;
        boolean captured = false;
        for (LoggedEvent logged : events) {
            ByteBuffer raw = logged.event().getRaw();
            if (raw != null) {
                captured = true;
                total += raw.remaining();
            }
        }
        if (!captured) {
            return null;
        }
        byte[] all = new byte[total];
        int at = 0;
        for (LoggedEvent logged : events) {
            ByteBuffer raw = logged.event().getRaw();
            if (raw != null) {
                int length = raw.remaining();
                raw.duplicate().get(all, at, length);
                at += length;
            }
        }
        return all;
    }
}
