package io.tributary.gateway.api;

import java.time.Duration;
import java.util.List;

import io.tributary.gateway.sse.JobMessages;
import io.tributary.gateway.timeline.Attachment;
import io.tributary.gateway.timeline.RecordedReplay;
import io.tributary.schema.JobState;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code ?replay=} on a job's stream: a finished job served again as the SSE messages its viewers got,
 * spaced as they were recorded ({@link RecordedReplay}) at the pace asked for, for demos, UI regression
 * tests and incident review. Each message is due at a fixed time after the replay's start, so waits do
 * not add up into drift. A job still streaming is a 409: its live stream is the way to watch it. A
 * client that already holds the terminal event gets a 204, as on a live stream.
 */
final class JobReplays {

    private final JobEventReads reads;
    private final JobMessages messages;

    JobReplays(JobEventReads reads, JobMessages messages) {
        this.reads = reads;
        this.messages = messages;
    }

    Mono<Attachment> replay(JobState job, long afterSeq, ReplayPace pace) {
        return reads.of(job).map(events -> {
            if (!JobEventReads.ended(events)) {
                throw new ResponseStatusException(HttpStatus.CONFLICT,
                        "Only a finished job can be replayed; this one is still streaming: watch it without replay");
            }
            List<RecordedReplay.Step> steps = RecordedReplay.of(job, events, messages, afterSeq);
            return steps.isEmpty() ? new Attachment.UpToDate() : new Attachment.Stream(paced(steps, pace));
        });
    }

    private static Flux<byte[]> paced(List<RecordedReplay.Step> steps, ReplayPace pace) {
        return Flux.defer(() -> {
            long start = System.nanoTime();
            return Flux.fromIterable(steps).concatMap(step -> {
                long wait = start + pace.due(step.at()).toNanos() - System.nanoTime();
                Mono<byte[]> message = Mono.just(step.message());
                return wait <= 0 ? message : message.delayElement(Duration.ofNanos(wait));
            });
        });
    }
}
