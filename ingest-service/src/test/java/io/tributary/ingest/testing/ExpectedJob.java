package io.tributary.ingest.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.tributary.schema.JobEvent;
import io.tributary.schema.JobEventType;
import io.tributary.schema.JobState;
import io.tributary.schema.JobStatus;
import io.tributary.schema.LogPosition;
import io.tributary.schema.ToolCall;
import io.tributary.schema.Usage;
import io.tributary.schema.fold.JobFold;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Checks a job's events: their shape (dense seq, one terminal event last) and their fold against a fixture's expectation. */
public final class ExpectedJob {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, JobStatus> STATUSES = Map.of(
            "complete", JobStatus.COMPLETE, "error", JobStatus.ERROR, "aborted", JobStatus.ABORTED,
            "streaming", JobStatus.STREAMING);

    private ExpectedJob() {
    }

    /** Seq dense from 0, STARTED first, exactly one terminal event and it is the last. */
    public static void assertWellFormed(List<JobEvent> events) {
        assertThat(events).as("events").isNotEmpty();
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).getSeq()).as("seq of event %d", i).isEqualTo(i);
        }
        assertThat(events.get(0).getType()).isEqualTo(JobEventType.STARTED);
        assertThat(events).filteredOn(ExpectedJob::isTerminal).as("terminal events").hasSize(1);
        assertThat(isTerminal(events.get(events.size() - 1))).as("last event is terminal").isTrue();
    }

    /** The job's events folded, in order, as the processor and gateway fold them. */
    public static JobState fold(List<JobEvent> events) {
        JobFold fold = JobFold.empty(events.get(0).getJobId());
        for (JobEvent event : events) {
            fold.apply(event, new LogPosition(0, event.getSeq()));
        }
        JobState state = fold.toState();
        assertThat(state).as("folded state").isNotNull();
        return state;
    }

    /** The folded job holds what {@code NAME.expected.json} says: status, content and, where given, the rest. */
    public static void assertMatches(JobState state, byte[] expectedJson) {
        JsonNode expected = JSON.readTree(expectedJson);
        assertThat(state.getStatus()).as("status").isEqualTo(STATUSES.get(expected.get("status").stringValue()));
        assertThat(state.getContent()).as("content").isEqualTo(expected.get("content").stringValue());
        if (expected.has("reasoning")) {
            assertThat(state.getReasoning()).as("reasoning").isEqualTo(expected.get("reasoning").stringValue());
        }
        if (expected.has("finish_reason")) {
            assertThat(state.getFinishReason()).as("finish_reason").isEqualTo(expected.get("finish_reason").stringValue());
        }
        if (expected.has("error")) {
            assertThat(state.getFailure()).as("failure").isNotNull();
            assertThat(state.getFailure().getMessage()).as("error").isEqualTo(expected.get("error").stringValue());
        }
        if (expected.has("tool_calls")) {
            assertToolCalls(state.getToolCalls(), expected.get("tool_calls"));
        }
        if (expected.has("usage")) {
            assertUsage(state.getUsage(), expected.get("usage"));
        }
    }

    private static void assertToolCalls(List<ToolCall> actual, JsonNode expected) {
        assertThat(actual).as("tool_calls").hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            JsonNode call = expected.get(i);
            ToolCall got = actual.get(i);
            assertThat(got.getId()).as("tool call %d id", i).isEqualTo(call.get("id").stringValue());
            assertThat(got.getType()).as("tool call %d type", i).isEqualTo(call.get("type").stringValue());
            assertThat(got.getName()).as("tool call %d name", i).isEqualTo(call.get("function").get("name").stringValue());
            assertThat(got.getArguments()).as("tool call %d arguments", i)
                    .isEqualTo(call.get("function").get("arguments").stringValue());
        }
    }

    private static void assertUsage(Usage actual, JsonNode expected) {
        assertThat(actual).as("usage").isNotNull();
        if (expected.has("prompt_tokens")) {
            assertThat(actual.getPromptTokens()).as("prompt_tokens").isEqualTo(expected.get("prompt_tokens").asLong());
        }
        if (expected.has("completion_tokens")) {
            assertThat(actual.getCompletionTokens()).as("completion_tokens").isEqualTo(expected.get("completion_tokens").asLong());
        }
        if (expected.has("total_tokens")) {
            assertThat(actual.getTotalTokens()).as("total_tokens").isEqualTo(expected.get("total_tokens").asLong());
        }
        if (expected.has("cost")) {
            assertThat(actual.getCost()).as("cost").isEqualTo(expected.get("cost").asDouble());
        }
        JsonNode verbatim = JSON.readTree(actual.getJson());
        expected.propertyNames().forEach(field ->
                assertThat(verbatim.get(field)).as("usage.json %s", field).isEqualTo(expected.get(field)));
    }

    private static boolean isTerminal(JobEvent event) {
        return event.getType() == JobEventType.COMPLETED || event.getType() == JobEventType.FAILED
                || event.getType() == JobEventType.ABORTED;
    }
}
