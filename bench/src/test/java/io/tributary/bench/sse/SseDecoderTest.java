package io.tributary.bench.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class SseDecoderTest {

    @Test
    void shouldDecodeACharacterCutBetweenTwoReadsWhole() {
        byte[] bytes = "id: 7\ndata: {\"c\":\"👋é\"}\n\n".getBytes(StandardCharsets.UTF_8);
        int cut = "id: 7\ndata: {\"c\":\"".getBytes(StandardCharsets.UTF_8).length + 2;
        SseDecoder decoder = new SseDecoder();

        List<SseEvent> events = new ArrayList<>(decoder.feed(Arrays.copyOfRange(bytes, 0, cut), 1));
        events.addAll(decoder.feed(Arrays.copyOfRange(bytes, cut, bytes.length), 2));

        assertThat(events).containsExactly(new SseEvent("7", "{\"c\":\"👋é\"}", 2));
    }

    @Test
    void shouldSkipCommentsAndRetryAndAcceptCrLf() {
        SseDecoder decoder = new SseDecoder();

        List<SseEvent> events = decoder.feed(
                "retry: 2000\r\n\r\n: ping\r\n\r\nid: 1\r\ndata: a\r\ndata: b\r\n\r\nid: 2\ndata: c\n\n"
                        .getBytes(StandardCharsets.UTF_8), 5);

        assertThat(events).containsExactly(new SseEvent("1", "a\nb", 5), new SseEvent("2", "c", 5));
    }

    @Test
    void shouldKeepAnUnfinishedMessageUntilItsBlankLine() {
        SseDecoder decoder = new SseDecoder();

        assertThat(decoder.feed("id: 3\ndata: x\n".getBytes(StandardCharsets.UTF_8), 1)).isEmpty();
        assertThat(decoder.feed("\n".getBytes(StandardCharsets.UTF_8), 9)).containsExactly(new SseEvent("3", "x", 9));
    }

    @Test
    void shouldNameEachMessageByItsEventFieldAndKeepAnEmptyLastDataLine() {
        SseDecoder decoder = new SseDecoder();

        List<SseEvent> events = decoder.feed(("event: data\ndata:0 12\ndata:\n\nevent: control\n"
                + "data:{\"streamNextOffset\":\"1\"}\n\ndata: plain\n\n").getBytes(StandardCharsets.UTF_8), 4);

        assertThat(events).containsExactly(new SseEvent(null, "data", "0 12\n", 4),
                new SseEvent(null, "control", "{\"streamNextOffset\":\"1\"}", 4),
                new SseEvent(null, SseEvent.MESSAGE, "plain", 4));
    }
}
