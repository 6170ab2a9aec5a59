package io.tributary.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.processor.JobEvents;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobState;
import io.tributary.schema.JobStatus;
import io.tributary.schema.topic.Topics;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The production publish interval: a job's first and terminal states are published with the event
 * that made them, its streaming changes once per interval of wall-clock time with the whole content,
 * and a job that did not change is not published again. The wall clock starts at the events' time, so
 * that the sweeper, which runs on it too, neither retires nor ends these jobs.
 */
class JobPublicationTopologyTest {

    private static final Duration INTERVAL = Duration.ofSeconds(1);

    private final JobEvents job = JobEvents.forJob("job-a");
    private final JobEvents other = JobEvents.forJob("job-b");
    private TopologyTestDriver driver;
    private TestInputTopic<String, JobEvent> deltas;
    private TestOutputTopic<String, JobState> states;

    @BeforeEach
    void startDriver() {
        driver = new TopologyTestDriver(TopologyFixture.jobStateTopology(TopologyFixture.config(),
                new SimpleMeterRegistry(), INTERVAL), TopologyFixture.config(), JobEvents.T0);
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
    void shouldPublishTheFirstStateAtOnceAndStreamingChangesOncePerIntervalWithTheWholeContent() {
        send(job.started());
        assertThat(states.readValuesToList()).extracting(JobState::getStatus).containsExactly(JobStatus.STREAMING);

        // More than two segments of text, so that the published content joins several.
        StringBuilder expected = new StringBuilder();
        for (int seq = 1; seq <= 150; seq++) {
            String text = "t" + seq + "é ";
            expected.append(text);
            send(job.text(seq, text));
        }
        assertThat(states.isEmpty()).as("nothing before the interval has passed").isTrue();

        driver.advanceWallClockTime(INTERVAL);
        List<JobState> published = states.readValuesToList();
        assertThat(published).hasSize(1);
        assertThat(published.get(0).getContent()).isEqualTo(expected.toString());
        assertThat(published.get(0).getSeq()).isEqualTo(150);
        assertThat(published.get(0).getChunksReceived()).isEqualTo(150);

        driver.advanceWallClockTime(INTERVAL);
        assertThat(states.isEmpty()).as("a job that did not change is not published again").isTrue();
    }

    @Test
    void shouldPublishTheTerminalStateAtOnceAndNothingForItAfter() {
        send(job.started(), job.text(1, "Hello"), job.text(2, ", world"), job.completed(3, "stop"));

        List<JobState> published = states.readValuesToList();
        assertThat(published).extracting(JobState::getStatus).containsExactly(JobStatus.STREAMING, JobStatus.COMPLETE);
        assertThat(published.get(1).getContent()).isEqualTo("Hello, world");
        assertThat(published.get(1).getSeq()).isEqualTo(3);

        driver.advanceWallClockTime(INTERVAL);
        send(job.text(4, " late"));
        driver.advanceWallClockTime(INTERVAL);
        assertThat(states.isEmpty()).isTrue();
    }

    @Test
    void shouldPublishEachChangedJobOncePerIntervalAndOnlyThose() {
        send(job.started(), other.started(), job.text(1, "a1"), other.text(1, "b1"), job.text(2, "a2"));
        states.readValuesToList();

        driver.advanceWallClockTime(INTERVAL);
        assertThat(read()).containsExactlyInAnyOrder(KeyValue.pair("job-a", "a1a2"), KeyValue.pair("job-b", "b1"));

        send(other.text(2, "b2"));
        driver.advanceWallClockTime(INTERVAL);
        assertThat(read()).containsExactly(KeyValue.pair("job-b", "b1b2"));
    }

    private void send(JobEvent... events) {
        for (JobEvent event : events) {
            deltas.pipeInput(event.getJobId(), event);
        }
    }

    private List<KeyValue<String, String>> read() {
        List<KeyValue<String, String>> contents = new ArrayList<>();
        states.readKeyValuesToList().forEach(record -> contents.add(KeyValue.pair(record.key, record.value.getContent())));
        return contents;
    }
}
