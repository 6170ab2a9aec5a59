package io.tributary.processor.usage;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.tributary.schema.JobEvent;
import io.tributary.schema.JobEventType;
import io.tributary.schema.JobStarted;
import io.tributary.schema.JobUsage;
import io.tributary.schema.ToolCallDelta;
import io.tributary.schema.Usage;
import org.jspecify.annotations.Nullable;

/**
 * What one event does to a job's usage figures, by the rules {@link io.tributary.schema.fold.JobFold}
 * folds a job's state by: the STARTED event starts the job, an event counts only if its seq is past the
 * last one folded, and the first terminal event ends the job (its figures then go to the windows and the
 * job is forgotten, so nothing after it counts). Usage chunks are summed, as the upstream sent them.
 */
final class JobUsageFold {

    private final UsageReport reports;

    JobUsageFold(UsageReport reports) {
        this.reports = reports;
    }

    /** The job a STARTED event begins, or null for a STARTED event without its body. */
    static @Nullable JobUsage start(JobEvent started) {
        JobStarted body = started.getStarted();
        if (body == null) {
            return null;
        }
        return JobUsage.newBuilder()
                .setUserId(body.getUserId())
                .setModel(body.getModel() == null ? "" : body.getModel())
                .setSeq(started.getSeq())
                .setStartedAt(started.getTimestamp())
                .build();
    }

    /**
     * Folds a later event of the job in.
     *
     * @return whether it counted: false for an event at or below the last seq folded
     */
    boolean apply(JobUsage job, JobEvent event) {
        if (event.getSeq() <= job.getSeq()) {
            return false;
        }
        job.setSeq(event.getSeq());
        long bytes = contentBytes(event);
        if (bytes >= 0) {
            job.setDeltas(job.getDeltas() + 1);
            job.setBytes(job.getBytes() + bytes);
            if (job.getFirstChunkAt() == null) {
                job.setFirstChunkAt(event.getTimestamp());
            }
        } else if (event.getType() == JobEventType.USAGE && event.getUsage() != null) {
            add(job, event.getUsage());
        }
        return true;
    }

    static boolean isTerminal(JobEvent event) {
        JobEventType type = event.getType();
        return type == JobEventType.COMPLETED || type == JobEventType.FAILED || type == JobEventType.ABORTED;
    }

    /** The milliseconds from the job's start to {@code moment}, never negative (clocks of two writers). */
    static long millisSinceStart(JobUsage job, Instant moment) {
        return Math.max(0, moment.toEpochMilli() - job.getStartedAt().toEpochMilli());
    }

    private void add(JobUsage job, Usage usage) {
        UsageReport.Tokens tokens = reports.tokens(usage);
        job.setUsageEvents(job.getUsageEvents() + 1);
        job.setInputTokens(job.getInputTokens() + tokens.input());
        job.setOutputTokens(job.getOutputTokens() + tokens.output());
        job.setReasoningTokens(job.getReasoningTokens() + tokens.reasoning());
        job.setCachedTokens(job.getCachedTokens() + tokens.cached());
        job.setCost(job.getCost() + tokens.cost());
    }

    /** The UTF-8 size of a content event's payload; -1 for an event that is no content. */
    private static long contentBytes(JobEvent event) {
        return switch (event.getType()) {
            case TEXT_DELTA, REASONING_DELTA -> utf8(event.getText());
            case TOOL_CALL_DELTA -> {
                ToolCallDelta call = event.getToolCall();
                yield call == null ? 0 : utf8(call.getArguments());
            }
            case IMAGE -> event.getImage() == null ? 0 : utf8(event.getImage().getUrl());
            case STARTED, USAGE, COMPLETED, FAILED, ABORTED, UNKNOWN -> -1;
        };
    }

    private static long utf8(@Nullable CharSequence text) {
        return text == null ? 0 : text.toString().getBytes(StandardCharsets.UTF_8).length;
    }
}
