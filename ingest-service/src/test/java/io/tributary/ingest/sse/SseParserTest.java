package io.tributary.ingest.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import io.tributary.ingest.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SseParserTest {

    private static final SseLimits ROOMY = new SseLimits(1 << 20, 1 << 20);

    @ParameterizedTest(name = "line end {0}")
    @ValueSource(strings = {"\n", "\r", "\r\n"})
    void shouldDispatchAnEventAtEachBlankLineWhateverTheLineEnd(String eol) {
        String stream = "data: one" + eol + eol + "data: two" + eol + "data: lines" + eol + eol;

        assertThat(parse(stream).items).containsExactly(
                "event message id= data=one",
                "event message id= data=two\nlines");
    }

    @Test
    void shouldTreatCrAndLfSplitAcrossFeedsAsOneLineEnd() {
        RecordingListener listener = parse(ROOMY, bytes("data: a\r"), bytes("\ndata: b\r"), bytes("\n\r"), bytes("\n"));

        assertThat(listener.items).containsExactly("event message id= data=a\nb");
    }

    @Test
    void shouldEndALineAtALoneCrFollowedByMoreText() {
        assertThat(parse("data: a\rdata: b\r\r").items).containsExactly("event message id= data=a\nb");
    }

    @Test
    void shouldMixLineEndsFreely() {
        assertThat(parse("data: a\r\ndata: b\rdata: c\n\r\n").items).containsExactly("event message id= data=a\nb\nc");
    }

    @Test
    void shouldRemoveExactlyOneLeadingSpaceFromTheValue() {
        assertThat(parse("data:x\n\ndata: x\n\ndata:  x\n\ndata:\tx\n\n").events)
                .extracting(SseEvent::data)
                .containsExactly("x", "x", " x", "\tx");
    }

    @Test
    void shouldSplitTheFieldAtTheFirstColonOnly() {
        assertThat(parse("data: {\"a\": \"b:c\"}\n\n").events)
                .extracting(SseEvent::data)
                .containsExactly("{\"a\": \"b:c\"}");
    }

    @Test
    void shouldExposeCommentsWithoutDispatchingThem() {
        RecordingListener listener = parse(": OPENROUTER PROCESSING\n\n:\n:ping\ndata: x\n\n");

        assertThat(listener.items).containsExactly(
                "comment  OPENROUTER PROCESSING",
                "comment ",
                "comment ping",
                "event message id= data=x");
    }

    @Test
    void shouldNameTheEventByItsEventFieldAndResetTheNameAfterDispatch() {
        assertThat(parse("event: delta\ndata: a\n\ndata: b\n\nevent:\ndata: c\n\n").events)
                .extracting(SseEvent::type)
                .containsExactly("delta", "message", "message");
    }

    @Test
    void shouldCarryTheLastEventIdOverToLaterEvents() {
        assertThat(parse("id: 7\ndata: a\n\ndata: b\n\nid\ndata: c\n\n").events)
                .extracting(SseEvent::lastEventId)
                .containsExactly("7", "7", "");
    }

    @Test
    void shouldIgnoreAnIdThatContainsNul() {
        assertThat(parse("id: 1\ndata: a\n\nid: 2\u00003\ndata: b\n\n").events)
                .extracting(SseEvent::lastEventId)
                .containsExactly("1", "1");
    }

    @Test
    void shouldReportOnlyRetryValuesMadeOfDigits() {
        assertThat(parse("retry: 3000\nretry: 12a\nretry: -1\nretry:\nretry: 99999999999999999999\nretry:250\n").items)
                .containsExactly("retry 3000", "retry 250");
    }

    @Test
    void shouldIgnoreUnknownFieldsAndFieldNamesInAnotherCase() {
        assertThat(parse("foo: bar\nData: no\nDATA: no\ndata: yes\nbaz\n\n").items)
                .containsExactly("event message id= data=yes");
    }

    @Test
    void shouldTakeAFieldWithoutColonAsAnEmptyValue() {
        assertThat(parse("data\n\ndata\ndata\n\n").events)
                .extracting(SseEvent::data)
                .containsExactly("", "\n");
    }

    @Test
    void shouldNotDispatchAnEventWithoutData() {
        RecordingListener listener = parse("event: ping\nid: 5\n\ndata: x\n\n");

        assertThat(listener.items).containsExactly("event message id=5 data=x");
    }

    @Test
    void shouldIgnoreAByteOrderMarkAtStreamStartEvenWhenSplit() {
        byte[] stream = concat(new byte[] {(byte) 0xEF}, new byte[] {(byte) 0xBB, (byte) 0xBF}, bytes("data: x\n\n"));

        assertThat(parse(ROOMY, Arrays.copyOfRange(stream, 0, 1), Arrays.copyOfRange(stream, 1, 2),
                Arrays.copyOfRange(stream, 2, stream.length)).items)
                .containsExactly("event message id= data=x");
    }

    @Test
    void shouldKeepAByteOrderMarkAnywhereElseAsText() {
        // A second BOM becomes part of the field name, which is then unknown and ignored.
        assertThat(parse("\uFEFF\uFEFFdata: a\n\ndata: \uFEFFb\n\n").events)
                .extracting(SseEvent::data)
                .containsExactly("\uFEFFb");
    }

    @Test
    void shouldDecodeUtf8SequencesSplitAcrossFeeds() {
        String text = "Hi there! 👋 — naïve ✓";
        byte[] stream = bytes("data: " + text + "\n\n");

        RecordingListener listener = parse(ROOMY, splitEvery(stream, 1).toArray(byte[][]::new));

        assertThat(listener.events).extracting(SseEvent::data).containsExactly(text);
    }

    @Test
    void shouldReplaceInvalidUtf8WithReplacementCharacters() {
        byte[] stream = concat(bytes("data: a"), new byte[] {(byte) 0xFF, (byte) 0xC3}, bytes("b\n\ndata: ok\n\n"));

        assertThat(parse(ROOMY, stream).events)
                .extracting(SseEvent::data)
                .containsExactly("a\uFFFD\uFFFDb", "ok");
    }

    @Test
    void shouldDiscardAnEventNotTerminatedByABlankLineAtTheEnd() {
        assertThat(parse("data: a\n\ndata: b\n").items).containsExactly("event message id= data=a");
        assertThat(parse("data: a\n\ndata: b").items).containsExactly("event message id= data=a");
    }

    @Test
    void shouldSkipAnEventWithAnOversizedLineAndGoOn() {
        SseLimits limits = new SseLimits(32, 1024);
        String stream = "data: small\n\ndata: " + "x".repeat(100) + "\ndata: tail\n\ndata: after\n\n";

        assertThat(parse(limits, bytes(stream)).items).containsExactly(
                "event message id= data=small",
                "oversized EVENT",
                "event message id= data=after");
    }

    @Test
    void shouldSkipAnEventWhoseDataExceedsTheEventCap() {
        SseLimits limits = new SseLimits(64, 100);
        String line = "data: " + "y".repeat(40) + "\n";
        String stream = line.repeat(5) + "\n" + line + "\n";

        assertThat(parse(limits, bytes(stream)).items).containsExactly(
                "oversized EVENT",
                "event message id= data=" + "y".repeat(40));
    }

    @Test
    void shouldDropAnOversizedCommentWithoutLosingTheEventAroundIt() {
        SseLimits limits = new SseLimits(16, 1024);

        assertThat(parse(limits, bytes("data: a\n: " + "z".repeat(50) + "\ndata: b\n\n")).items).containsExactly(
                "oversized COMMENT",
                "event message id= data=a\nb");
    }

    @Test
    void shouldReportAnOversizedEventStillPendingAtTheEnd() {
        SseLimits limits = new SseLimits(16, 1024);

        assertThat(parse(limits, bytes("data: " + "q".repeat(40))).items).containsExactly("oversized EVENT");
    }

    @Test
    void shouldStayWithinItsCapsOnAnEndlessLine() {
        SseLimits limits = new SseLimits(1024, 1024);
        RecordingListener listener = new RecordingListener();
        SseParser parser = new SseParser(limits, listener);
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'x');

        parser.feed(bytes("data: "));
        for (int i = 0; i < 512; i++) {
            parser.feed(chunk);
        }
        parser.feed(bytes("\n\ndata: ok\n\n"));
        parser.end();

        assertThat(listener.items).containsExactly("oversized EVENT", "event message id= data=ok");
    }

    @Test
    void shouldReadTheCrlfTranscriptFieldByField() {
        RecordingListener listener = parse(ROOMY, Fixtures.transcript("crlf-and-comments"));

        assertThat(listener.items).filteredOn(item -> !item.startsWith("event")).containsExactly(
                "comment  OPENROUTER PROCESSING",
                "comment  keep-alive",
                "retry 3000");
        assertThat(listener.events).hasSize(4);
        assertThat(listener.events.get(1).data()).startsWith("{\"id\"").contains("\\\"quoted\\\"");
        assertThat(listener.events.get(3).data()).isEqualTo("[DONE]");
    }

    static List<String> fixtureNames() {
        return Fixtures.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtureNames")
    void shouldParseEveryTranscriptTheSameAtEverySplitPosition(String fixture) {
        byte[] transcript = Fixtures.transcript(fixture);
        List<String> whole = parse(ROOMY, transcript).items;
        assertThat(whole).anyMatch(item -> item.startsWith("event"));

        for (int split = 0; split <= transcript.length; split++) {
            RecordingListener listener = parse(ROOMY, Arrays.copyOfRange(transcript, 0, split),
                    Arrays.copyOfRange(transcript, split, transcript.length));
            assertThat(listener.items).as("split at byte %d", split).isEqualTo(whole);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtureNames")
    void shouldParseEveryTranscriptTheSameByteByByteAndInRandomSplits(String fixture) {
        byte[] transcript = Fixtures.transcript(fixture);
        List<String> whole = parse(ROOMY, transcript).items;

        assertThat(parse(ROOMY, splitEvery(transcript, 1).toArray(byte[][]::new)).items).isEqualTo(whole);
        for (int seed = 0; seed < 50; seed++) {
            Random random = new Random(seed);
            List<byte[]> parts = new ArrayList<>();
            int at = 0;
            while (at < transcript.length) {
                int size = Math.min(transcript.length - at, 1 + random.nextInt(17));
                parts.add(Arrays.copyOfRange(transcript, at, at + size));
                at += size;
            }
            assertThat(parse(ROOMY, parts.toArray(byte[][]::new)).items).as("seed %d", seed).isEqualTo(whole);
        }
    }

    private static RecordingListener parse(String stream) {
        return parse(ROOMY, bytes(stream));
    }

    private static RecordingListener parse(SseLimits limits, byte[]... feeds) {
        RecordingListener listener = new RecordingListener();
        SseParser parser = new SseParser(limits, listener);
        for (byte[] feed : feeds) {
            parser.feed(feed);
        }
        parser.end();
        return listener;
    }

    private static List<byte[]> splitEvery(byte[] bytes, int size) {
        List<byte[]> parts = new ArrayList<>();
        for (int at = 0; at < bytes.length; at += size) {
            parts.add(Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + size)));
        }
        return parts;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
