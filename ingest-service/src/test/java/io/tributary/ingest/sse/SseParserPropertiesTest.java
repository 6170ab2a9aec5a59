package io.tributary.ingest.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Whatever the events, line ends, comments and the way the bytes are cut, the parser gives back
 * exactly the events that were written.
 */
class SseParserPropertiesTest {

    private static final SseLimits ROOMY = new SseLimits(1 << 20, 1 << 20);

    @Property(tries = 300)
    void shouldGiveBackTheWrittenEventsWhateverTheSplits(
            @ForAll("events") @Size(max = 12) List<WrittenEvent> events,
            @ForAll("lineEnds") List<String> lineEnds,
            @ForAll @Size(max = 40) List<@IntRange(min = 1, max = 23) Integer> cuts,
            @ForAll boolean withBom) {
        byte[] stream = serialize(events, lineEnds, withBom);

        RecordingListener listener = new RecordingListener();
        SseParser parser = new SseParser(ROOMY, listener);
        feedInCuts(parser, stream, cuts);

        assertThat(listener.events)
                .extracting(event -> event.type() + "|" + event.data())
                .containsExactlyElementsOf(events.stream()
                        .map(event -> (event.type().isEmpty() ? "message" : event.type()) + "|" + String.join("\n", event.lines()))
                        .toList());
    }

    /**
     * Raw capture's contract: every byte is reported once, in order, however the feeds cut the stream, and
     * an event's own bytes (up to its blank line's terminator) are reported before the event.
     */
    @Property(tries = 300)
    void shouldReportEveryByteOnceAndAnEventsBytesBeforeTheEvent(
            @ForAll("events") @Size(max = 12) List<WrittenEvent> events,
            @ForAll("lineEnds") List<String> lineEnds,
            @ForAll @Size(max = 40) List<@IntRange(min = 1, max = 23) Integer> cuts,
            @ForAll boolean withBom) {
        byte[] stream = serialize(events, lineEnds, withBom);
        ByteArrayOutputStream reported = new ByteArrayOutputStream();
        List<Integer> reportedAtEvents = new ArrayList<>();
        SseParser parser = new SseParser(ROOMY, new SseListener() {
            @Override
            public void onEvent(SseEvent event) {
                reportedAtEvents.add(reported.size());
            }

            @Override
            public void onRaw(byte[] bytes, int offset, int length) {
                reported.write(bytes, offset, length);
            }
        });
        feedInCuts(parser, stream, cuts);

        assertThat(reported.toByteArray()).isEqualTo(stream);
        assertThat(reportedAtEvents).hasSize(events.size()).isSorted();
        for (int count : reportedAtEvents) {
            byte last = stream[count - 1];
            assertThat(last == '\n' || last == '\r').as("the bytes before an event end with a line end").isTrue();
            assertThat(precededByBlankLine(stream, count)).as("ends at a blank line, at byte %d", count).isTrue();
        }
    }

    /** Whether the bytes before {@code end} finish with an empty line: a line end (CRLF, CR or LF) right after another. */
    private static boolean precededByBlankLine(byte[] stream, int end) {
        int i = end - 1;
        i -= stream[i] == '\n' && i > 0 && stream[i - 1] == '\r' ? 2 : 1;
        return i >= 0 && (stream[i] == '\n' || stream[i] == '\r');
    }

    /** Feeds the stream in pieces of the given sizes, the rest in one, then ends it. */
    private static void feedInCuts(SseParser parser, byte[] stream, List<Integer> cuts) {
        int at = 0;
        for (int cut : cuts) {
            int end = Math.min(stream.length, at + cut);
            parser.feed(Arrays.copyOfRange(stream, at, end));
            at = end;
        }
        parser.feed(Arrays.copyOfRange(stream, at, stream.length));
        parser.end();
    }

    record WrittenEvent(String type, List<String> lines, List<String> comments) {
    }

    @Provide
    Arbitrary<List<WrittenEvent>> events() {
        // Any Unicode scalar value (emoji included) but CR and LF, which cannot occur inside a line.
        Arbitrary<String> text = Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                .filter(cp -> (cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE) && cp != '\r' && cp != '\n')
                .list().ofMaxSize(30)
                .map(codePoints -> codePoints.stream()
                        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                        .toString());
        Arbitrary<String> type = Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8));
        Arbitrary<WrittenEvent> event = Combinators.combine(type, text.list().ofMinSize(1).ofMaxSize(4), text.list().ofMaxSize(2))
                .as(WrittenEvent::new);
        return event.list();
    }

    @Provide
    Arbitrary<List<String>> lineEnds() {
        return Arbitraries.of("\n", "\r", "\r\n").list().ofMinSize(1).ofMaxSize(8);
    }

    private static byte[] serialize(List<WrittenEvent> events, List<String> lineEnds, boolean withBom) {
        List<String> lines = new ArrayList<>();
        for (WrittenEvent event : events) {
            event.comments().forEach(comment -> lines.add(":" + comment));
            if (!event.type().isEmpty()) {
                lines.add("event: " + event.type());
            }
            // A value that starts with a space needs the separating space, or the parser would eat its own.
            event.lines().forEach(line -> lines.add("data: " + line));
            lines.add("");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (withBom) {
            out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        String previousEnd = "";
        for (int i = 0; i < lines.size(); i++) {
            String end = lineEnds.get(i % lineEnds.size());
            if (lines.get(i).isEmpty() && previousEnd.equals("\r") && end.equals("\n")) {
                // CR then LF is one line end: a blank line after a CR needs an end of its own.
                end = "\r\n";
            }
            out.writeBytes((lines.get(i) + end).getBytes(StandardCharsets.UTF_8));
            previousEnd = end;
        }
        return out.toByteArray();
    }
}
