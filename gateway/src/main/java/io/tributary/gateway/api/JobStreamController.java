package io.tributary.gateway.api;

import io.tributary.gateway.config.GatewayMetrics;
import io.tributary.gateway.presence.ViewerConnections;
import io.tributary.gateway.timeline.Attachment;
import io.tributary.gateway.timeline.Cursor;
import io.tributary.gateway.timeline.TimelineRegistry;
import io.tributary.gateway.timeline.TimelineUnavailableException;
import io.tributary.schema.JobState;
import io.tributary.schema.JobStatus;
import io.tributary.support.security.Users;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/jobs/{id}/stream}: the job's SSE stream from the cursor the request gives. Cursor, the
 * user's open streams and the job are checked before anything is written, so a bad cursor is a 400, a
 * user who holds too many streams a 429 ({@link StreamAdmission}), an unknown or foreign job a 404 and a
 * finished job whose terminal event the client holds a 204, each before the stream starts. The stream
 * ends with the token that authorized it ({@link TokenExpiry}). The stream of a live job is reported on
 * {@code jobs.viewers} while it is open ({@link ViewerConnections}). With {@code replay=recorded|Nx|max}
 * a finished job is served again at its recorded pace instead ({@link JobReplays}); a replay is no
 * viewer of the job, and an auditor may replay any user's job ({@link JobReads}).
 */
@RestController
final class JobStreamController {

    private final JobLookup jobs;
    private final TimelineRegistry timelines;
    private final SseResponses responses;
    private final GatewayMetrics metrics;
    private final ViewerConnections viewers;
    private final StreamAdmission admission;
    private final JobReplays replays;
    private final JobReads reads;

    JobStreamController(JobLookup jobs, TimelineRegistry timelines, SseResponses responses, GatewayMetrics metrics,
            ViewerConnections viewers, StreamAdmission admission, JobReplays replays, JobReads reads) {
        this.replays = replays;
        this.reads = reads;
        this.jobs = jobs;
        this.timelines = timelines;
        this.responses = responses;
        this.metrics = metrics;
        this.viewers = viewers;
        this.admission = admission;
    }

    @GetMapping("/api/jobs/{id}/stream")
    Mono<Void> stream(
            @PathVariable String id,
            @RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventIdHeader,
            @RequestParam(required = false) @Nullable String lastEventId,
            @RequestParam(name = "last_event_id", required = false) @Nullable String lastEventIdSnake,
            @RequestParam(required = false) @Nullable String offset,
            @RequestParam(required = false) @Nullable String replay,
            @AuthenticationPrincipal Jwt token,
            ServerHttpResponse response) {
        Cursor cursor = Cursors.parse(lastEventIdHeader, lastEventId, lastEventIdSnake, offset);
        String userId = Users.of(token);
        if (replay != null) {
            ReplayPace pace = ReplayPace.parse(replay);
            long after = cursor instanceof Cursor.AfterEvent resumed ? resumed.seq() : -1;
            return admission.admit(userId, response, () -> reads.find(id, token, "replay")
                    .flatMap(job -> replays.replay(job, after, pace))
                    .flatMap(attachment -> responses.write(response, attachment, token)));
        }
        return admission.admit(userId, response, () -> {
            if (cursor instanceof Cursor.AfterEvent) {
                metrics.resumes().increment();
            }
            return jobs.find(id, userId)
                    .flatMap(state -> timelines.using(state, timeline -> timeline.attach(cursor)
                            .onErrorMap(TimelineUnavailableException.class,
                                    e -> new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()))
                            .flatMap(attachment -> watching(state, attachment,
                                    responses.write(response, attachment, token)))));
        });
    }

    /**
     * Only the stream of a job still streaming counts as a viewer: a replay of a finished job changes
     * no decision about it. (The state may lag the log; a stream of a job that has just ended only adds
     * a presence the processor ignores.)
     */
    private Mono<Void> watching(JobState state, Attachment attachment, Mono<Void> stream) {
        boolean live = attachment instanceof Attachment.Stream && state.getStatus() == JobStatus.STREAMING;
        return live ? viewers.track(state.getJobId(), state.getUserId(), stream) : stream;
    }
}
