package io.tributary.gateway.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.tributary.gateway.sse.JobHeader;
import io.tributary.gateway.sse.JobJson;
import io.tributary.gateway.sse.JobMessages;
import io.tributary.gateway.support.SseParser;
import io.tributary.gateway.support.TestEvents;
import io.tributary.schema.ImageOutput;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobEventType;
import io.tributary.schema.LogPosition;
import io.tributary.schema.fold.JobFold;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RenderingFoldTest {

    /** When the events were received; rendering only carries it along. */
    private static final long RECEIVED = 0L;

    private final TestEvents job = new TestEvents("job-1");
    private final JobMessages messages = new JobMessages(new JobJson());
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void shouldCountChunksExactlyAsJobFoldDoes() {
        JobEvent image = JobEvent.newBuilder(job.text(6, null)).setType(JobEventType.IMAGE).setText(null)
                .setImage(ImageOutput.newBuilder().setUrl("https://example.com/a.png").build()).build();
        JobEvent toolCallWithoutCall = JobEvent.newBuilder(job.unknown(8)).setType(JobEventType.TOOL_CALL_DELTA).build();
        List<JobEvent> events = List.of(job.started("alice"), job.text(1, "a"), job.reasoning(2, "r"),
                job.toolCall(3, 0, "call_1", "f", "{}"), job.usage(4), job.unknown(5), image, job.text(1, "dup"),
                job.text(7, null), toolCallWithoutCall, job.text(9, "b"), job.completed(10));
        RenderingFold rendering = RenderingFold.fromStart(JobHeader.of(started()), messages);
        JobFold reference = JobFold.empty("job-1");

        long offset = 0;
        for (JobEvent event : events) {
            LogPosition position = new LogPosition(0, offset++);
            rendering.apply(new LoggedEvent(event, position), RECEIVED);
            reference.apply(event, position);
            assertThat(rendering.chunksReceived()).as("after seq %d", event.getSeq())
                    .isEqualTo(reference.toState().getChunksReceived());
        }
    }

    @Test
    void shouldRenderOneMessagePerNewEventAndNothingForDuplicatesOrAfterTheEnd() {
        RenderingFold rendering = RenderingFold.continuing(started(), messages);

        assertThat(rendering.apply(logged(job.started("alice"), 0), RECEIVED)).isNull();
        RenderedEvent text = rendering.apply(logged(job.text(1, "Hi"), 1), RECEIVED);
        RenderedEvent unknown = rendering.apply(logged(job.unknown(2), 2), RECEIVED);
        assertThat(rendering.apply(logged(job.text(1, "Hi"), 3), RECEIVED)).isNull();
        RenderedEvent completed = rendering.apply(logged(job.completed(3), 4), RECEIVED);
        assertThat(rendering.apply(logged(job.text(4, "late"), 5), RECEIVED)).isNull();

        assertThat(text.seq()).isEqualTo(1);
        assertThat(payload(text).path("status").path("content_delta").asString()).isEqualTo("Hi");
        assertThat(unknown.seq()).isEqualTo(2);
        assertThat(payload(unknown).path("status").path("content_delta").asString()).isEmpty();
        assertThat(unknown.terminal()).isFalse();
        assertThat(completed.terminal()).isTrue();
        assertThat(payload(completed).path("event").asString()).isEqualTo("status");
        assertThat(payload(completed).path("status").path("content").asString()).isEqualTo("Hi");
        assertThat(rendering.headSeq()).isEqualTo(3);
    }

    @Test
    void shouldCarryReasoningToolCallsAndUsageOnlyOnTheirEvents() {
        RenderingFold rendering = RenderingFold.continuing(started(), messages);

        JsonNode reasoning = payload(rendering.apply(logged(job.reasoning(1, "hmm"), 1), RECEIVED)).path("status");
        JsonNode tool = payload(rendering.apply(logged(job.toolCall(2, 0, "call_1", "f", "{\"a\":"), 2), RECEIVED)).path("status");
        JsonNode toolMore = payload(rendering.apply(logged(job.toolCall(3, 0, null, null, "1}"), 3), RECEIVED)).path("status");
        JsonNode usage = payload(rendering.apply(logged(job.usage(4), 4), RECEIVED)).path("status");

        assertThat(reasoning.path("reasoning_delta").asString()).isEqualTo("hmm");
        assertThat(reasoning.has("tool_calls")).isFalse();
        assertThat(tool.path("tool_calls").get(0).path("function").path("arguments").asString()).isEqualTo("{\"a\":");
        assertThat(toolMore.path("tool_calls").get(0).path("function").path("arguments").asString()).isEqualTo("{\"a\":1}");
        assertThat(toolMore.path("tool_calls").get(0).path("id").asString()).isEqualTo("call_1");
        assertThat(usage.path("usage").path("cost").asDouble()).isEqualTo(1.23e-05);
        assertThat(usage.has("reasoning_delta")).isFalse();
    }

    private io.tributary.schema.JobState started() {
        JobFold fold = JobFold.empty("job-1");
        fold.apply(job.started("alice"), new LogPosition(0, 0L));
        return fold.toState();
    }

    private static LoggedEvent logged(JobEvent event, long offset) {
        return new LoggedEvent(event, new LogPosition(0, offset));
    }

    private JsonNode payload(RenderedEvent event) {
        List<SseParser.Item> items = new SseParser().feed(event.message());
        return json.readTree(((SseParser.Event) items.get(0)).data().getBytes(StandardCharsets.UTF_8));
    }
}
