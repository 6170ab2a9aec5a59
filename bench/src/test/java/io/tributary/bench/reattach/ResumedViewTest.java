package io.tributary.bench.reattach;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.tributary.bench.sse.SseEvent;
import org.junit.jupiter.api.Test;

/** The exactness checks of one resumed viewer: anything but events k + 1 to the end, each the right one, fails. */
class ResumedViewTest {

    /** Ids 1–3 the chunks, 4 the usage, 5 the terminal status. */
    private static final ReplyEvents REPLY = new ReplyEvents(List.of("Hé", "llo", " 👋"));

    @Test
    void shouldPassAResumeThatGetsExactlyTheEventsAfterItsIdAndTimeTheFirst() {
        ResumedView view = new ResumedView("job", REPLY, 1, true, -1);
        view.requested(1_000);
        view.opened(2_000);
        view.onEvent(delta(2, "llo", 5_000));
        view.onEvent(delta(3, " 👋", 6_000));
        view.onEvent(usage(4));
        view.onEvent(terminal(5, "complete", "Héllo 👋"));
        view.ended();

        assertThat(view.failures()).isEmpty();
        assertThat(view.timeToFirstEventNanos()).isEqualTo(4_000);
        assertThat(view.timeToHeadersNanos()).isEqualTo(1_000);
    }

    @Test
    void shouldFailWhenTheFirstEventIsNotTheOneAfterTheResumePoint() {
        ResumedView view = new ResumedView("job", REPLY, 1, true, -1);
        view.onEvent(delta(1, "Hé", 0));

        assertThat(view.failures()).first().asString().contains("duplicate");
    }

    @Test
    void shouldFailWhenAnEventCarriesAnotherChunkThanItsId() {
        ResumedView view = new ResumedView("job", REPLY, 0, true, -1);
        view.onEvent(delta(1, "Hé", 0));
        view.onEvent(delta(2, "ll", 0));

        assertThat(view.failures()).first().asString().contains("other content than chunk 1");
    }

    @Test
    void shouldFailWhenTheStreamEndsBeforeTheTerminalEvent() {
        ResumedView view = new ResumedView("job", REPLY, 2, true, -1);
        view.onEvent(delta(3, " 👋", 0));
        view.ended();

        assertThat(view.failures()).singleElement().asString().contains("without the terminal event");
    }

    @Test
    void shouldExpectA204AfterAFinishedJobsTerminalEventAndNothingElse() {
        ResumedView upToDate = new ResumedView("job", REPLY, 5, false, 5);
        upToDate.answeredUpToDate(0);
        upToDate.ended();
        ResumedView streamed = new ResumedView("job", REPLY, 5, false, 5);
        streamed.ended();
        ResumedView tooEarly = new ResumedView("job", REPLY, 4, false, 5);
        tooEarly.answeredUpToDate(0);

        assertThat(upToDate.failures()).isEmpty();
        assertThat(streamed.failures()).singleElement().asString().contains("should have been 204");
        assertThat(tooEarly.failures()).first().asString().contains("204");
    }

    @Test
    void shouldNotCountAStreamThatNeverEndedAsExact() {
        ResumedView view = new ResumedView("job", REPLY, 1, true, -1);
        view.onEvent(delta(2, "llo", 0));

        assertThat(view.exact()).isFalse();
        assertThat(view.failures()).singleElement().asString().contains("had not ended");
    }

    private static SseEvent delta(long id, String content, long receivedNanos) {
        return new SseEvent(Long.toString(id), "{\"event\":\"delta\",\"status\":{\"status\":\"streaming\",\"content_delta\":\""
                + content + "\"}}", receivedNanos);
    }

    private static SseEvent usage(long id) {
        return new SseEvent(Long.toString(id), "{\"event\":\"delta\",\"status\":{\"status\":\"streaming\","
                + "\"content_delta\":\"\",\"usage\":{\"total_tokens\":3}}}", 0);
    }

    private static SseEvent terminal(long id, String status, String content) {
        return new SseEvent(Long.toString(id), "{\"event\":\"status\",\"status\":{\"status\":\"" + status
                + "\",\"content\":\"" + content + "\"}}", 0);
    }
}
