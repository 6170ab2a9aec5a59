package io.tributary.gateway.timeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.tributary.gateway.sse.JobHeader;
import io.tributary.gateway.sse.JobMessages;
import io.tributary.schema.JobState;

/**
 * A finished job's SSE messages as a viewer who attached at its start received them, each with the time
 * at which it was recorded, for a replay at the recorded pace: a snapshot of the job as started (id 0),
 * a delta for every later event, and the terminal status. The times come from the events themselves
 * (when the ingest received each chunk), so a replay shows the provider's pace, not the log's.
 */
public final class RecordedReplay {

    /**
     * One message of the replay.
     *
     * @param message the whole SSE message
     * @param at when it was recorded, after the replay's first message
     */
    public record Step(byte[] message, Duration at) {
    }

    private RecordedReplay() {
    }

    /**
     * @param job the job as found (its header: user, thread, model)
     * @param events the job's events from its first, in log order
     * @param afterSeq the replay's messages follow this id (-1 for all of them); earlier events are folded,
     *     not sent, and the times count from the first message sent
     */
    public static List<Step> of(JobState job, List<LoggedEvent> events, JobMessages messages, long afterSeq) {
        RenderingFold fold = RenderingFold.fromStart(JobHeader.of(job), messages);
        List<Step> steps = new ArrayList<>();
        Instant first = null;
        for (LoggedEvent event : events) {
            RenderedEvent rendered = fold.apply(event, 0);
            if (rendered == null || rendered.seq() <= afterSeq) {
                continue;
            }
            Instant recorded = event.event().getTimestamp();
            if (first == null) {
                first = recorded;
            }
            byte[] message = rendered.seq() == 0 ? messages.snapshot(0, fold.state()) : rendered.message();
            Duration at = Duration.between(first, recorded);
            steps.add(new Step(message, at.isNegative() ? Duration.ZERO : at));
        }
        return steps;
    }
}
