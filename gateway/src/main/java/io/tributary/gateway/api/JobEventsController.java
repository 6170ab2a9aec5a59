package io.tributary.gateway.api;

import java.util.List;

import io.tributary.gateway.timeline.LoggedEvent;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /api/jobs/{id}/events[?after=SEQ][&limit=N]}: the job's events exactly as they lie on
 * {@code jobs.deltas}, each with its seq, type, partition, offset, time and typed payload
 * ({@link LoggedEventJson}), for audits, replays and integrations. A page as JSON by default; with
 * {@code Accept: application/x-ndjson} one event per line, all of them after {@code after} unless a
 * {@code limit} is given. Any job this gateway can find (its directory of started jobs, or
 * {@code jobs.state}) whose records are still on the log; the same tenancy as every job endpoint, and
 * an auditor may read any user's ({@link JobReads}).
 */
@RestController
final class JobEventsController {

    static final MediaType NDJSON = MediaType.APPLICATION_NDJSON;

    private final JobReads jobs;
    private final JobEventReads reads;
    private final LoggedEventJson json;
    private final JsonMapper mapper;

    JobEventsController(JobReads jobs, JobEventReads reads, JsonMapper mapper) {
        this.jobs = jobs;
        this.reads = reads;
        this.json = new LoggedEventJson(mapper);
        this.mapper = mapper;
    }

    /**
     * One mapping for both answers: under {@code /api/} every negotiated answer is JSON
     * ({@link JsonOnlyAnswers}), so the NDJSON stream is chosen here from the {@code Accept} header and
     * its content type set on the answer.
     */
    @GetMapping("/api/jobs/{id}/events")
    Mono<ResponseEntity<Object>> events(@PathVariable String id,
            @RequestParam(required = false) @Nullable String after,
            @RequestParam(required = false) @Nullable String limit,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept,
            @AuthenticationPrincipal Jwt token) {
        if (asksForNdjson(accept)) {
            EventRange range = EventRange.stream(after, limit);
            return eventsOf(id, token).map(events -> ResponseEntity.ok().contentType(NDJSON)
                    .body(stream(events, range)));
        }
        EventRange range = EventRange.page(after, limit);
        return eventsOf(id, token).map(events -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(page(id, events, range)));
    }

    /**
     * {@code {"jobId", "events": [...], "next", "more", "ended"}}: {@code next} is the seq of the page's
     * last event (the {@code after} of the next page; null for an empty page), {@code more} whether the
     * log holds later events of the job now, {@code ended} whether the job's terminal event is on it.
     */
    private ObjectNode page(String id, List<LoggedEvent> events, EventRange range) {
        List<LoggedEvent> selected = events.stream().filter(event -> range.includes(event.seq()))
                .limit(range.limit()).toList();
        ObjectNode page = mapper.createObjectNode();
        page.put("jobId", id);
        ArrayNode array = page.putArray("events");
        selected.forEach(event -> array.add(json.of(event)));
        long lastSeq = selected.isEmpty() ? range.after() : selected.get(selected.size() - 1).seq();
        if (selected.isEmpty()) {
            page.putNull("next");
        } else {
            page.put("next", lastSeq);
        }
        page.put("more", events.stream().anyMatch(event -> event.seq() > lastSeq));
        page.put("ended", JobEventReads.ended(events));
        return page;
    }

    /** One event per line, in seq order, as they lie on the log now; the stream ends with the last. */
    private Flux<ObjectNode> stream(List<LoggedEvent> events, EventRange range) {
        return Flux.fromIterable(events)
                .filter(event -> range.includes(event.seq()))
                .take(range.limit())
                .map(json::of);
    }

    /** Whether the request prefers NDJSON to JSON, by the {@code Accept} header's types and qualities. */
    private static boolean asksForNdjson(@Nullable String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
        double ndjson = types.stream().filter(type -> type.equalsTypeAndSubtype(NDJSON))
                .mapToDouble(MediaType::getQualityValue).max().orElse(0);
        double json = types.stream().filter(type -> type.includes(MediaType.APPLICATION_JSON))
                .mapToDouble(MediaType::getQualityValue).max().orElse(0);
        return ndjson > 0 && ndjson >= json;
    }

    private Mono<List<LoggedEvent>> eventsOf(String id, Jwt token) {
        return jobs.find(id, token, "events").flatMap(reads::of);
    }
}
