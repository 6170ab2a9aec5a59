package io.tributary.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.tributary.gateway.support.SseParser.Comment;
import io.tributary.gateway.support.SseParser.Event;
import io.tributary.gateway.support.SseParser.Item;
import io.tributary.gateway.support.SseParser.Retry;
import org.junit.jupiter.api.Test;

/** The test parser must itself follow the standard, or the SSE tests prove nothing. */
class SseParserTest {

    @Test
    void shouldEndLinesOnCrLfCrOrLfAndKeepTheLastEventId() {
        List<Item> items = SseParser.parseAll("retry: 1500\r\n\r\n: ping\rid: 7\rdata: a\r\rdata:b\n\n");

        assertThat(items).containsExactly(new Retry(1500), new Comment("ping"), new Event("7", "message", "a"),
                new Event("7", "message", "b"));
    }

    @Test
    void shouldJoinDataLinesAndSkipEventsWithoutData() {
        List<Item> items = SseParser.parseAll("id: 1\n\ndata: x\ndata:  y\nevent: custom\n\ndata\n\nunfinished: 1\ndata: z");

        assertThat(items).containsExactly(new Event("1", "custom", "x\n y"), new Event("1", "message", ""));
    }

    @Test
    void shouldTreatCrAndLfSplitAcrossChunksAsOneLineEnd() {
        SseParser parser = new SseParser();
        List<Item> items = new ArrayList<>();
        items.addAll(parser.feed("data: é\r".getBytes(StandardCharsets.UTF_8)));
        items.addAll(parser.feed("\n\r\n".getBytes(StandardCharsets.UTF_8)));

        assertThat(items).containsExactly(new Event("", "message", "é"));
    }

    @Test
    void shouldDecodeMultiByteCharactersSplitAcrossChunks() {
        byte[] bytes = "data: 👋\n\n".getBytes(StandardCharsets.UTF_8);
        SseParser parser = new SseParser();
        List<Item> items = new ArrayList<>();
        for (byte b : bytes) {
            items.addAll(parser.feed(new byte[] {b}));
        }

        assertThat(items).containsExactly(new Event("", "message", "👋"));
    }

    @Test
    void shouldDispatchAnEmptyEventTypeAsAMessageAndIgnoreAnIdHoldingNul() {
        List<Item> items = SseParser.parseAll("id: 3\nevent:\ndata: a\n\nid: 4\u0000\nevent: named\ndata: b\n\n");

        assertThat(items).containsExactly(new Event("3", "message", "a"), new Event("3", "named", "b"));
    }
}
