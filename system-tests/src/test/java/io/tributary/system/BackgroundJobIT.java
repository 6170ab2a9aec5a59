package io.tributary.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.tributary.schema.JobState;
import io.tributary.schema.JobStatus;
import io.tributary.simulator.SimulatedReply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A background job end to end: ingest → Kafka → processor and gateway → a viewer over SSE. */
class BackgroundJobIT {

    private static final Duration STREAM_TIMEOUT = Duration.ofSeconds(60);

    private static TributaryStack stack;
    private static TributaryClient alice;
    private static JobLog log;

    @BeforeAll
    static void startStack() throws Exception {
        stack = TributaryStack.shared();
        alice = new TributaryClient(stack, "alice");
        log = new JobLog(stack);
    }

    @Test
    void shouldDeliverABackgroundJobToAViewerCompleteAndInOrder() throws Exception {
        String request = TributaryClient.backgroundRequest("in order", 60, 40);
        String jobId = alice.startJob(request);

        ViewerTranscript seen = new ViewerTranscript();
        try (SseClient viewer = alice.watch(jobId, null)) {
            assertThat(viewer.status()).isEqualTo(200);
            seen.add(viewer.readToEnd(STREAM_TIMEOUT));
            assertThat(viewer.ended()).as("the server closes the stream after the terminal status").isTrue();
        }

        assertThat(seen.content()).isEqualTo(SimulatedReply.forRequest(request).content());
        assertThat(seen.terminal().path("status").asString()).isEqualTo("complete");
    }

    @Test
    void shouldResumeExactlyAfterTheLastEventIdWhenAViewerReconnects() throws Exception {
        String request = TributaryClient.backgroundRequest("reconnect", 120, 20);
        String jobId = alice.startJob(request);
        ViewerTranscript seen = new ViewerTranscript();

        try (SseClient viewer = alice.watch(jobId, null)) {
            seen.add(take(viewer, 12));
        }
        try (SseClient viewer = alice.watch(jobId, Long.toString(seen.lastId()))) {
            assertThat(viewer.status()).isEqualTo(200);
            seen.add(viewer.readToEnd(STREAM_TIMEOUT));
        }

        assertThat(seen.content()).isEqualTo(SimulatedReply.forRequest(request).content());
        assertThat(seen.terminal().path("status").asString()).isEqualTo("complete");
    }

    @Test
    void shouldResumeExactlyAfterTheGatewayRestartedFromEventsOnlyInKafka() throws Exception {
        String request = TributaryClient.backgroundRequest("gateway restart", 300, 20);
        String jobId = alice.startJob(request);
        ViewerTranscript seen = new ViewerTranscript();
        try (SseClient viewer = alice.watch(jobId, null)) {
            seen.add(take(viewer, 15));
        }

        stack.firstGateway().restart();

        try (SseClient viewer = alice.watch(jobId, Long.toString(seen.lastId()))) {
            assertThat(viewer.status()).isEqualTo(200);
            seen.add(viewer.readToEnd(STREAM_TIMEOUT));
        }
        assertThat(seen.content()).isEqualTo(SimulatedReply.forRequest(request).content());
    }

    @Test
    void shouldPublishAFinalStateEqualToTheConcatenationOfTheDeltas() throws Exception {
        String request = TributaryClient.backgroundRequest("final state", 40, 5);
        String jobId = alice.startJob(request);

        JobState state = await().atMost(STREAM_TIMEOUT).pollInterval(Duration.ofMillis(250))
                .until(() -> log.latestState(jobId), s -> s != null && s.getStatus() == JobStatus.COMPLETE);

        String deltas = JobLog.textOf(log.eventsOf(jobId));
        assertThat(state.getContent()).isEqualTo(deltas).isEqualTo(SimulatedReply.forRequest(request).content());
        assertThat(state.getUserId()).isEqualTo("alice");
    }

    @Test
    void shouldAnswerAViewerWhoAlreadyHasTheTerminalEventWithNoContent() throws Exception {
        String jobId = alice.startJob(TributaryClient.backgroundRequest("finished", 5, 1));
        ViewerTranscript seen = new ViewerTranscript();
        try (SseClient viewer = alice.watch(jobId, null)) {
            seen.add(viewer.readToEnd(STREAM_TIMEOUT));
        }

        try (SseClient viewer = alice.watch(jobId, Long.toString(seen.lastId()))) {
            assertThat(viewer.status()).isEqualTo(204);
        }
    }

    @Test
    void shouldHideAJobFromAnotherUser() throws Exception {
        String jobId = alice.startJob(TributaryClient.backgroundRequest("private", 5, 1));
        TributaryClient mallory = new TributaryClient(stack, "mallory");
        await().atMost(STREAM_TIMEOUT).until(() -> alice.status(jobId).statusCode() == 200);

        assertThat(mallory.status(jobId).statusCode()).isEqualTo(404);
        try (SseClient viewer = mallory.watch(jobId, null)) {
            assertThat(viewer.status()).isEqualTo(404);
        }
    }

    static List<SseMessage> take(SseClient viewer, int count) throws InterruptedException {
        List<SseMessage> messages = new ArrayList<>();
        while (messages.size() < count) {
            SseMessage message = viewer.next(Duration.ofSeconds(20));
            assertThat(message).as("message %s of the stream", messages.size()).isNotNull();
            messages.add(message);
        }
        return messages;
    }
}
