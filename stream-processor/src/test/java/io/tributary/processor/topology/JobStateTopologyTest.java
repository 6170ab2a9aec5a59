package io.tributary.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;

import io.tributary.processor.JobEvents;
import io.tributary.processor.function.JobTexts;
import io.tributary.schema.FailureReason;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobState;
import io.tributary.schema.JobStatus;
import io.tributary.schema.LogPosition;
import io.tributary.schema.ToolCall;
import io.tributary.schema.ToolCallDelta;
import io.tributary.schema.topic.Topics;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JobStateTopologyTest {

    private final JobEvents job = JobEvents.forJob("job-a");
    private final JobEvents other = JobEvents.forJob("job-b");

    private TopologyTestDriver driver;
    private TestInputTopic<String, JobEvent> deltas;
    private TestOutputTopic<String, JobState> states;

    @BeforeEach
    void startDriver() {
        driver = new TopologyTestDriver(TopologyFixture.jobStateTopology(), TopologyFixture.config());
        deltas = driver.createInputTopic(Topics.JOB_DELTAS.name(),
                Topics.JOB_DELTAS.keySerde().serializer(), Topics.JOB_DELTAS.valueSerde().serializer());
        states = driver.createOutputTopic(Topics.JOB_STATE.name(),
                Topics.JOB_STATE.keySerde().deserializer(), Topics.JOB_STATE.valueSerde().deserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void shouldFoldTextDeltasIntoTheirConcatenationAndPublishEachChangeKeyedByJobId() {
        send(job.started(), job.text(1, "Hel"), job.text(2, "lo, wor"), job.text(3, "ld \uD83D\uDC4B"));

        List<JobState> published = readStates(job.jobId(), 4);

        assertThat(published).extracting(JobState::getContent)
                .containsExactly("", "Hel", "Hello, wor", "Hello, world \uD83D\uDC4B");
        JobState last = published.get(3);
        assertThat(last.getStatus()).isEqualTo(JobStatus.STREAMING);
        assertThat(last.getSeq()).isEqualTo(3);
        assertThat(last.getChunksReceived()).isEqualTo(3);
        assertThat(last.getUserId()).isEqualTo(job.userId());
        assertThat(last.getThreadId()).isEqualTo("thread-job-a");
        assertThat(last.getMessageId()).isEqualTo("message-job-a");
        assertThat(last.getStartedAt()).isEqualTo(JobEvents.timeOf(0));
        assertThat(last.getUpdatedAt()).isEqualTo(JobEvents.timeOf(3));
        assertThat(states.isEmpty()).isTrue();
    }

    @Test
    void shouldKeepReasoningToolCallsByIndexUsageAndTheFinishReason() {
        send(job.started(),
                job.reasoning(1, "Think", "[{\"type\":\"reasoning.text\",\"text\":\"Think\"}]"),
                job.reasoning(2, "ing.", "[{\"type\":\"reasoning.text\",\"text\":\"ing.\"}]"),
                job.toolCall(3, ToolCallDelta.newBuilder().setIndex(0).setId("call_0").setType("function")
                        .setName("get_weather").setArguments("{\"city\":").build()),
                job.toolCall(4, ToolCallDelta.newBuilder().setIndex(1).setId("call_1").setType("function")
                        .setName("get_time").setArguments("{}").build()),
                job.toolCall(5, ToolCallDelta.newBuilder().setIndex(0).setArguments("\"Paris\"}").build()),
                job.text(6, "Calling tools."),
                job.usage(7, 12, 34),
                job.completed(8, "tool_calls"));

        JobState last = readStates(job.jobId(), 9).get(8);

        assertThat(last.getReasoning()).isEqualTo("Thinking.");
        assertThat(last.getReasoningDetails()).containsExactly(
                "[{\"type\":\"reasoning.text\",\"text\":\"Think\"}]", "[{\"type\":\"reasoning.text\",\"text\":\"ing.\"}]");
        assertThat(last.getToolCalls()).extracting(ToolCall::getIndex, ToolCall::getId, ToolCall::getName, ToolCall::getArguments)
                .containsExactly(
                        tuple(0, "call_0", "get_weather", "{\"city\":\"Paris\"}"),
                        tuple(1, "call_1", "get_time", "{}"));
        assertThat(last.getContent()).isEqualTo("Calling tools.");
        assertThat(last.getUsage().getPromptTokens()).isEqualTo(12);
        assertThat(last.getUsage().getCompletionTokens()).isEqualTo(34);
        assertThat(last.getUsage().getTotalTokens()).isEqualTo(46);
        assertThat(last.getStatus()).isEqualTo(JobStatus.COMPLETE);
        assertThat(last.getFinishReason()).isEqualTo("tool_calls");
        assertThat(last.getGenerationId()).isEqualTo("gen-job-a");
        assertThat(last.getCompletedAt()).isEqualTo(JobEvents.timeOf(8));
        assertThat(last.getSeq()).isEqualTo(8);
        assertThat(states.isEmpty()).isTrue();
    }

    @Test
    void shouldLetTheFirstTerminalEventWinAndChangeNothingAfterIt() {
        send(job.started(), job.text(1, "partial"), job.aborted(2, "user"),
                job.completed(3, "stop"), job.text(4, " more"), job.failed(5, "late failure"));

        List<JobState> published = readStates(job.jobId(), 3);

        JobState aborted = published.get(2);
        assertThat(aborted.getStatus()).isEqualTo(JobStatus.ABORTED);
        assertThat(aborted.getAbortReason()).isEqualTo("user");
        assertThat(aborted.getContent()).isEqualTo("partial");
        assertThat(aborted.getSeq()).isEqualTo(2);
        // Events after the terminal one do not count: nothing more is published, the state stays the aborted one.
        assertThat(states.isEmpty()).isTrue();
        assertThat(driver.<String, JobState>getTimestampedKeyValueStore(JobStateTopology.STORE).get(job.jobId()).value()
                .getStatus()).isEqualTo(JobStatus.ABORTED);
    }

    @Test
    void shouldRecordAFailureWithItsReason() {
        send(job.started(), job.text(1, "so far"), job.failed(2, "Upstream said 502"));

        JobState failed = readStates(job.jobId(), 3).get(2);

        assertThat(failed.getStatus()).isEqualTo(JobStatus.ERROR);
        assertThat(failed.getFailure().getReason()).isEqualTo(FailureReason.UPSTREAM_ERROR);
        assertThat(failed.getFailure().getMessage()).isEqualTo("Upstream said 502");
        assertThat(failed.getContent()).isEqualTo("so far");
        assertThat(states.isEmpty()).isTrue();
    }

    @Test
    void shouldIgnoreRedeliveredEventsWhoseSeqWasAlreadyFolded() {
        send(job.started(), job.text(1, "a"), job.text(2, "b"));
        List<JobState> before = readStates(job.jobId(), 3);

        send(job.text(1, "a"), job.text(2, "b"), job.started(), job.text(3, "c"));
        List<JobState> after = readStates(job.jobId(), 1);

        assertThat(before.get(2).getContent()).isEqualTo("ab");
        // A redelivered event changes and publishes nothing: the one state published is text 3's.
        JobState last = after.get(0);
        assertThat(last.getContent()).isEqualTo("abc");
        assertThat(last.getChunksReceived()).isEqualTo(3);
        assertThat(last.getSeq()).isEqualTo(3);
        assertThat(states.isEmpty()).isTrue();
    }

    @Test
    void shouldPublishNothingAndStoreNothingForEventsBeforeTheJobStarted() {
        send(job.text(1, "orphan"), job.usage(2, 1, 1), job.completed(3, "stop"));

        assertThat(states.isEmpty()).isTrue();
        KeyValueStore<String, JobState> store = driver.getKeyValueStore(JobStateTopology.STORE);
        assertThat(store.get(job.jobId())).isNull();
    }

    @Test
    void shouldCarryThePartitionAndOffsetOfTheFirstAndLastFoldedEvent() {
        // Offsets on jobs.deltas (TopologyTestDriver writes to partition 0): 0, 1 other job; 2 started;
        // 3 text; 4 other job; 5 text; 6 duplicate (not folded, nothing published).
        send(other.started(), other.text(1, "x"), job.started(), job.text(1, "one"),
                other.text(2, "y"), job.text(2, " two"), job.text(2, " two"));

        List<KeyValue<String, JobState>> published = readAll(6);

        assertThat(published).extracting(record -> record.key)
                .containsExactly("job-b", "job-b", "job-a", "job-a", "job-b", "job-a");
        assertThat(states.isEmpty()).isTrue();
        assertThat(published.get(2).value.getFirstPosition()).isEqualTo(at(2));
        assertThat(published.get(2).value.getLastPosition()).isEqualTo(at(2));
        JobState jobA = published.get(5).value;
        assertThat(jobA.getContent()).isEqualTo("one two");
        assertThat(jobA.getFirstPosition()).isEqualTo(at(2));
        assertThat(jobA.getLastPosition()).as("the duplicate at offset 6 was not folded").isEqualTo(at(5));
        JobState jobB = published.get(4).value;
        assertThat(jobB.getContent()).isEqualTo("xy");
        assertThat(jobB.getFirstPosition()).isEqualTo(at(0));
        assertThat(jobB.getLastPosition()).isEqualTo(at(4));
        assertThat(states.isEmpty()).isTrue();
    }

    @Test
    void shouldKeepEachJobsLatestStateInTheNamedStoreAndItsTextsBesideIt() {
        send(job.started(), other.started(), job.text(1, "for a"), other.text(1, "for b"), job.reasoning(2, "why", "[]"));
        readAll(5);

        KeyValueStore<String, JobState> store = driver.getKeyValueStore(JobStateTopology.STORE);
        KeyValueStore<String, String> texts = driver.getKeyValueStore(JobStateTopology.TEXT_STORE);

        assertThat(store.get(job.jobId()).getSeq()).isEqualTo(2);
        assertThat(store.get(job.jobId()).getContent()).as("the texts are kept apart").isEmpty();
        assertThat(store.get(job.jobId()).getReasoning()).isEmpty();
        assertThat(new JobTexts(texts).read(job.jobId(), JobTexts.Kind.CONTENT, 2)).isEqualTo("for a");
        assertThat(new JobTexts(texts).read(job.jobId(), JobTexts.Kind.REASONING, 2)).isEqualTo("why");
        assertThat(new JobTexts(texts).read(other.jobId(), JobTexts.Kind.CONTENT, 1)).isEqualTo("for b");
    }

    private void send(JobEvent... events) {
        for (JobEvent event : events) {
            deltas.pipeInput(event.getJobId(), event);
        }
    }

    /** Reads exactly {@code count} records, all of which must be the given job's. */
    private List<JobState> readStates(String jobId, int count) {
        List<JobState> published = new ArrayList<>();
        for (KeyValue<String, JobState> record : readAll(count)) {
            assertThat(record.key).isEqualTo(jobId);
            assertThat(record.value.getJobId()).isEqualTo(jobId);
            published.add(record.value);
        }
        return published;
    }

    private List<KeyValue<String, JobState>> readAll(int count) {
        List<KeyValue<String, JobState>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            assertThat(states.isEmpty()).as("record %d of %d expected", i + 1, count).isFalse();
            records.add(states.readKeyValue());
        }
        return records;
    }

    private static LogPosition at(long offset) {
        return LogPosition.newBuilder().setPartition(0).setOffset(offset).build();
    }
}
