package io.tributary.schema.fold;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.tributary.schema.ImageOutput;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobEventType;
import io.tributary.schema.JobMode;
import io.tributary.schema.JobStarted;
import io.tributary.schema.JobState;
import io.tributary.schema.JobStatus;
import io.tributary.schema.LogPosition;
import io.tributary.schema.ToolCall;
import io.tributary.schema.ToolCallDelta;
import org.jspecify.annotations.Nullable;

/**
 * Folds a job's events, in log order, into its {@link JobState}. The one definition of what an
 * event does to a job, shared by the processor (the job-state table) and the gateway (its live
 * view of the jobs it serves), so both agree to the character.
 *
 * <p>Rules: the STARTED event creates the job; an event counts only while the job is streaming and
 * only if its seq is past the last one folded (a redelivered event changes nothing); the first
 * terminal event (completed, failed, aborted) ends the job and nothing after it counts.
 *
 * <p>Mutable on purpose: content grows by appending to a builder, so folding n deltas costs O(n)
 * rather than the O(n²) of rebuilding an immutable string per delta.
 */
public final class JobFold {

    private final String jobId;
    private JobState.@Nullable Builder state;
    private final StringBuilder content = new StringBuilder();
    private final StringBuilder reasoning = new StringBuilder();
    private final List<ToolCall> toolCalls = new ArrayList<>();

    private JobFold(String jobId) {
        this.jobId = jobId;
    }

    /** A job of which no event has been folded yet. */
    public static JobFold empty(String jobId) {
        return new JobFold(jobId);
    }

    /** Continues from a folded state, for example a snapshot read from {@code jobs.state}. */
    public static JobFold of(JobState state) {
        JobFold fold = new JobFold(state.getJobId());
        fold.state = JobState.newBuilder(state);
        fold.content.append(state.getContent());
        fold.reasoning.append(state.getReasoning());
        state.getToolCalls().forEach(call -> fold.toolCalls.add(ToolCall.newBuilder(call).build()));
        return fold;
    }

    /**
     * Folds one event in.
     *
     * @return whether the event counted; false for an event before the job started, after it
     *     ended, already folded, or of a type this version does not know
     */
    public boolean apply(JobEvent event, LogPosition position) {
        if (state == null) {
            return event.getType() == JobEventType.STARTED && start(event, position);
        }
        if (state.getStatus() != JobStatus.STREAMING || event.getSeq() <= state.getSeq()) {
            return false;
        }
        if (!applyBody(event)) {
            return false;
        }
        state.setSeq(event.getSeq());
        state.setLastPosition(position);
        state.setUpdatedAt(event.getTimestamp());
        return true;
    }

    private boolean start(JobEvent event, LogPosition position) {
        JobStarted started = event.getStarted();
        if (started == null) {
            return false;
        }
        state = JobState.newBuilder()
                .setJobId(jobId)
                .setUserId(started.getUserId())
                .setThreadId(started.getThreadId())
                .setMessageId(started.getMessageId())
                .setModel(started.getModel())
                .setMode(started.getMode() == null ? JobMode.UNKNOWN : started.getMode())
                .setIngestInstanceId(started.getIngestInstanceId())
                .setStatus(JobStatus.STREAMING)
                .setSeq(event.getSeq())
                .setFirstPosition(position)
                .setLastPosition(position)
                .setChunksReceived(0)
                .setStartedAt(event.getTimestamp())
                .setUpdatedAt(event.getTimestamp())
                .setContent("")
                .setReasoning("")
                .setReasoningDetails(new ArrayList<>())
                .setToolCalls(new ArrayList<>())
                .setImages(new ArrayList<>());
        return true;
    }

    private boolean applyBody(JobEvent event) {
        JobState.Builder s = state();
        switch (event.getType()) {
            case TEXT_DELTA -> {
                content.append(textOf(event));
                countChunk();
            }
            case REASONING_DELTA -> {
                reasoning.append(textOf(event));
                if (event.getReasoningDetails() != null) {
                    s.getReasoningDetails().add(event.getReasoningDetails());
                }
                countChunk();
            }
            case TOOL_CALL_DELTA -> {
                if (event.getToolCall() == null) {
                    return false;
                }
                mergeToolCall(event.getToolCall());
                countChunk();
            }
            case IMAGE -> {
                if (event.getImage() == null) {
                    return false;
                }
                s.getImages().add(ImageOutput.newBuilder(event.getImage()).build());
                countChunk();
            }
            case USAGE -> s.setUsage(event.getUsage());
            case COMPLETED -> {
                s.setStatus(JobStatus.COMPLETE).setCompletedAt(event.getTimestamp());
                if (event.getCompleted() != null) {
                    s.setFinishReason(event.getCompleted().getFinishReason());
                    s.setGenerationId(event.getCompleted().getGenerationId());
                }
            }
            case FAILED -> s.setStatus(JobStatus.ERROR)
                    .setCompletedAt(event.getTimestamp())
                    .setFailure(event.getFailed());
            case ABORTED -> s.setStatus(JobStatus.ABORTED)
                    .setCompletedAt(event.getTimestamp())
                    .setAbortReason(event.getAborted() == null ? null : event.getAborted().getReason());
            default -> {
                return false;
            }
        }
        return true;
    }

    private void mergeToolCall(ToolCallDelta delta) {
        ToolCall call = toolCalls.stream()
                .filter(existing -> existing.getIndex() == delta.getIndex())
                .findFirst()
                .orElse(null);
        if (call == null) {
            call = ToolCall.newBuilder().setIndex(delta.getIndex()).setArguments("").build();
            toolCalls.add(call);
        }
        if (call.getId() == null && delta.getId() != null) {
            call.setId(delta.getId());
        }
        if (call.getType() == null && delta.getType() != null) {
            call.setType(delta.getType());
        }
        if (call.getName() == null && delta.getName() != null) {
            call.setName(delta.getName());
        }
        if (delta.getArguments() != null) {
            call.setArguments(call.getArguments() + delta.getArguments());
        }
    }

    private void countChunk() {
        JobState.Builder s = state();
        s.setChunksReceived(s.getChunksReceived() + 1);
    }

    private static String textOf(JobEvent event) {
        return event.getText() == null ? "" : event.getText();
    }

    private JobState.Builder state() {
        if (state == null) {
            throw new IllegalStateException("Job " + jobId + " has not started");
        }
        return state;
    }

    /** Whether the STARTED event has been folded in. */
    public boolean hasStarted() {
        return state != null;
    }

    public JobStatus status() {
        return state == null ? JobStatus.UNKNOWN : state.getStatus();
    }

    public boolean isTerminal() {
        JobStatus status = status();
        return status == JobStatus.COMPLETE || status == JobStatus.ERROR || status == JobStatus.ABORTED;
    }

    /** The seq of the last event folded in, or -1 before the job started. */
    public long seq() {
        return state == null ? -1 : state.getSeq();
    }

    /** The number of content-bearing events folded in (text, reasoning, tool-call fragments, images). */
    public long chunksReceived() {
        return state == null ? 0 : state.getChunksReceived();
    }

    /** Content length in UTF-16 code units, as JavaScript's {@code string.length} counts it. */
    public int contentLength() {
        return content.length();
    }

    /** The content from a character offset on (clamped), without copying the whole content. */
    public String contentFrom(int offset) {
        return content.substring(Math.max(0, Math.min(offset, content.length())));
    }

    public List<ToolCall> toolCalls() {
        return List.copyOf(toolCalls);
    }

    /** The folded state as an immutable record value, or null before the job started. */
    public @Nullable JobState toState() {
        if (state == null) {
            return null;
        }
        List<ToolCall> calls = new ArrayList<>(toolCalls.size());
        toolCalls.forEach(call -> calls.add(ToolCall.newBuilder(call).build()));
        return JobState.newBuilder(state)
                .setContent(content.toString())
                .setReasoning(reasoning.toString())
                .setToolCalls(calls)
                .build();
    }

    /** When the job started, or null before it did. */
    public @Nullable Instant startedAt() {
        return state == null ? null : state.getStartedAt();
    }
}
