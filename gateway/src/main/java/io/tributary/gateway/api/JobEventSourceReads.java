package io.tributary.gateway.api;

import java.util.List;

import io.tributary.gateway.streams.JobEventSource;
import io.tributary.gateway.timeline.Attachment;
import io.tributary.gateway.timeline.Cursor;
import io.tributary.gateway.timeline.LoggedEvent;
import io.tributary.gateway.timeline.TimelineRegistry;
import io.tributary.schema.JobState;
import org.springframework.security.oauth2.jwt.Jwt;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * A job's events for {@code /v1/stream/jobs/{id}}, as {@code /api/jobs/{id}/events} gives them (seq,
 * type, partition, offset, time, payload): read from the log ({@link JobEventReads}), with the reads of
 * an auditor recorded ({@link JobReads}). A reader waiting at the tail is woken by the job's timeline,
 * the one its SSE viewers share. The caller's right to the job is checked once per request ({@link
 * #find}), so an auditor following a job leaves one access record, not one per event.
 */
final class JobEventSourceReads implements JobEventSource {

    private static final String ENDPOINT = "durable-stream";

    private final JobReads jobs;
    private final JobEventReads events;
    private final TimelineRegistry timelines;
    private final LoggedEventJson json;
    private final JsonMapper mapper;

    JobEventSourceReads(JobReads jobs, JobEventReads events, TimelineRegistry timelines, JsonMapper mapper) {
        this.jobs = jobs;
        this.events = events;
        this.timelines = timelines;
        this.json = new LoggedEventJson(mapper);
        this.mapper = mapper;
    }

    @Override
    public Mono<JobState> find(String jobId, Jwt token) {
        return jobs.find(jobId, token, ENDPOINT);
    }

    @Override
    public Mono<Events> read(JobState job, long after) {
        return events.of(job).map(all -> {
            List<LoggedEvent> read = all.stream().filter(event -> event.seq() + 1 > after).toList();
            long next = read.isEmpty() ? Math.min(after, all.size()) : read.get(read.size() - 1).seq() + 1;
            List<byte[]> messages = read.stream().map(event -> mapper.writeValueAsBytes(json.of(event))).toList();
            return new Events(messages, next, JobEventReads.ended(all));
        });
    }

    @Override
    public Mono<Void> next(JobState job, long after) {
        return timelines.using(job, timeline -> timeline.attach(new Cursor.AfterEvent(after - 1))
                .flatMap(attachment -> attachment instanceof Attachment.Stream stream
                        ? stream.messages().next().then() : Mono.<Void>empty()));
    }
}
