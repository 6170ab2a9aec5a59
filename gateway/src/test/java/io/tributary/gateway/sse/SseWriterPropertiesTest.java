package io.tributary.gateway.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.tributary.gateway.inbox.InboxItem;
import io.tributary.gateway.support.SseParser;
import io.tributary.gateway.support.SseParser.Event;
import io.tributary.gateway.support.SseParser.Item;
import io.tributary.gateway.support.TestEvents;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobState;
import io.tributary.schema.JobStatus;
import io.tributary.schema.LogPosition;
import io.tributary.schema.Notification;
import io.tributary.schema.NotificationAction;
import io.tributary.schema.fold.JobFold;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.LongRange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whatever a job or a notification holds (CR, LF, CRLF, U+2028, U+2029, NUL and other controls, lone
 * high and low surrogates, emoji, quotes, backslashes, text that looks like SSE fields, a BOM), the bytes
 * the gateway writes are well-formed UTF-8 and well-formed SSE, one field per line, and a
 * standard-following parser ({@link SseParser}), fed those bytes cut anywhere, followed by a JSON
 * decoder, gives back exactly the text: every message kind a client receives, the delta, the terminal
 * status and a notification.
 */
class SseWriterPropertiesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JobMessages jobs = new JobMessages(new JobJson());
    private final NotificationMessages notifications = new NotificationMessages(new JobJson());

    @Property(tries = 400)
    void shouldRoundTripAnyTextThroughADelta(
            @ForAll("hostileText") String content,
            @ForAll("hostileText") String reasoning,
            @ForAll("hostileText") String model,
            @ForAll("hostileText") String threadId,
            @ForAll @LongRange(min = 0, max = 999_999_999_999_999_999L) long seq,
            @ForAll("cuts") List<Integer> cuts) {
        JobHeader header = new JobHeader("job-1", threadId, "message-1", model, 0);

        byte[] bytes = jobs.delta(header, new DeltaFacts(seq, content, content.length(), 1, reasoning, null, null));

        assertWellFormed(bytes, List.of("id: " + seq, "data: "));
        Event event = onlyEvent(bytes, cuts);
        assertThat(event.type()).isEqualTo("message");
        assertThat(event.lastEventId()).isEqualTo(Long.toString(seq));
        JsonNode message = JSON.readTree(event.data());
        assertThat(message.path("event").asString()).isEqualTo("delta");
        JsonNode status = message.path("status");
        assertThat(status.path("content_delta").asString()).isEqualTo(content);
        assertThat(status.path("content_length").asInt()).isEqualTo(content.length());
        assertThat(status.path("reasoning_delta").asString()).isEqualTo(reasoning);
        assertThat(status.path("model").asString()).isEqualTo(model);
        assertThat(status.path("threadId").asString()).isEqualTo(threadId);
    }

    @Property(tries = 400)
    void shouldRoundTripAnyTextThroughTheTerminalStatus(
            @ForAll("hostileText") String first,
            @ForAll("hostileText") String second,
            @ForAll("hostileText") String reasoning,
            @ForAll("hostileText") String error,
            @ForAll("cuts") List<Integer> cuts) {
        TestEvents job = new TestEvents("job-1");
        JobState state = fold(job.started("alice"), job.text(1, first), job.reasoning(2, reasoning), job.text(3, second),
                job.failed(4, error));

        byte[] bytes = jobs.status(state);

        assertWellFormed(bytes, List.of("id: 4", "data: "));
        Event event = onlyEvent(bytes, cuts);
        assertThat(event.lastEventId()).isEqualTo("4");
        JsonNode message = JSON.readTree(event.data());
        assertThat(message.path("event").asString()).isEqualTo("status");
        JsonNode status = message.path("status");
        assertThat(status.path("status").asString()).isEqualTo("error");
        assertThat(status.path("content").asString()).isEqualTo(first + second);
        assertThat(status.path("content_length").asInt()).isEqualTo((first + second).length());
        assertThat(status.path("reasoning").asString()).isEqualTo(reasoning);
        assertThat(status.path("error").asString()).isEqualTo(error);
    }

    @Property(tries = 400)
    void shouldRoundTripAnyTextThroughANotification(
            @ForAll("hostileText") String title,
            @ForAll("hostileText") String body,
            @ForAll("hostileText") String error,
            @ForAll("hostileText") String label,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long offset,
            @ForAll("cuts") List<Integer> cuts) {
        InboxItem item = new InboxItem(notification(title, body, error, label), offset, null);

        byte[] bytes = notifications.event(item);

        assertWellFormed(bytes, List.of("event: notification", "id: " + offset, "data: "));
        Event event = onlyEvent(bytes, cuts);
        assertThat(event.type()).isEqualTo("notification");
        assertThat(event.lastEventId()).isEqualTo(Long.toString(offset));
        JsonNode notification = JSON.readTree(event.data());
        assertThat(notification.path("title").asString()).isEqualTo(title);
        assertThat(notification.path("body").asString()).isEqualTo(body);
        assertThat(notification.path("error").asString()).isEqualTo(error);
        assertThat(notification.path("actions").get(0).path("label").asString()).isEqualTo(label);
        assertThat(notification.path("eventId").asString()).isEqualTo(Long.toString(offset));
    }

    /** Text made of the pieces that break naive SSE writers, mixed with ordinary text. */
    @Provide
    Arbitrary<String> hostileText() {
        Arbitrary<String> breakers = Arbitraries.of("\r", "\n", "\r\n", "\n\n", "\u2028", "\u2029", "\u0000", "\u0085",
                "\uFEFF", "\"", "\\", "\\u2028", ":", "data: x", "id: 9", "event: y", "retry: 1");
        Arbitrary<String> controls = Arbitraries.chars().range('\u0000', '\u001F').map(String::valueOf);
        Arbitrary<String> loneHigh = Arbitraries.chars().range(Character.MIN_HIGH_SURROGATE, Character.MAX_HIGH_SURROGATE)
                .map(String::valueOf);
        Arbitrary<String> loneLow = Arbitraries.chars().range(Character.MIN_LOW_SURROGATE, Character.MAX_LOW_SURROGATE)
                .map(String::valueOf);
        Arbitrary<String> emoji = Arbitraries.integers().between(0x1F300, 0x1FAFF).map(Character::toString);
        Arbitrary<String> ascii = Arbitraries.strings().ascii().ofMaxLength(8);
        Arbitrary<String> otherBmp = Arbitraries.chars().range('\u0080', '\uFFFF').filter(c -> !Character.isSurrogate(c))
                .map(String::valueOf);
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                Tuple.of(4, breakers), Tuple.of(2, controls), Tuple.of(2, loneHigh), Tuple.of(2, loneLow),
                Tuple.of(2, emoji), Tuple.of(4, ascii), Tuple.of(1, otherBmp));
        return piece.list().ofMaxSize(30).map(pieces -> String.join("", pieces));
    }

    /** Where the bytes are cut before they reach the parser, as TCP may cut them. */
    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(1, 23).list().ofMaxSize(40);
    }

    /**
     * Strict UTF-8; no CR anywhere; the message is exactly the given field lines (the last one holding
     * the JSON) and the blank line that ends it, so no content can start a line of its own; and no raw
     * U+2028/U+2029, which some non-compliant parsers take for line ends.
     */
    private static void assertWellFormed(byte[] bytes, List<String> linePrefixes) {
        String text = strictUtf8(bytes);
        assertThat(text).doesNotContain("\r", "\u2028", "\u2029").endsWith("\n\n");
        List<String> lines = Arrays.asList(text.substring(0, text.length() - 2).split("\n", -1));
        assertThat(lines).hasSize(linePrefixes.size());
        for (int i = 0; i < lines.size() - 1; i++) {
            assertThat(lines.get(i)).isEqualTo(linePrefixes.get(i));
        }
        assertThat(lines.get(lines.size() - 1)).startsWith(linePrefixes.get(linePrefixes.size() - 1));
    }

    private static Event onlyEvent(byte[] bytes, List<Integer> cuts) {
        SseParser parser = new SseParser();
        List<Item> items = new ArrayList<>();
        int at = 0;
        for (int cut : cuts) {
            int end = Math.min(bytes.length, at + cut);
            items.addAll(parser.feed(Arrays.copyOfRange(bytes, at, end)));
            at = end;
        }
        items.addAll(parser.feed(Arrays.copyOfRange(bytes, at, bytes.length)));
        assertThat(items).hasSize(1).first().isInstanceOf(Event.class);
        return (Event) items.get(0);
    }

    private static JobState fold(JobEvent... events) {
        JobFold fold = JobFold.empty(events[0].getJobId());
        for (int i = 0; i < events.length; i++) {
            fold.apply(events[i], new LogPosition(0, (long) i));
        }
        return fold.toState();
    }

    private static Notification notification(String title, String body, String error, String label) {
        return Notification.newBuilder()
                .setId("job:job-1")
                .setUserId("alice")
                .setJobId("job-1")
                .setThreadId("thread-1")
                .setMessageId("message-1")
                .setType("system.warning")
                .setTitle(title)
                .setBody(body)
                .setOutcome(JobStatus.ERROR)
                .setError(error)
                .setActions(List.of(NotificationAction.newBuilder()
                        .setId("open")
                        .setLabel(label)
                        .setKind("navigate")
                        .setTarget(Map.of("threadId", "thread-1"))
                        .setData(Map.of("messageId", "message-1"))
                        .build()))
                .setCreatedAt(Instant.parse("2026-01-01T10:00:00Z"))
                .build();
    }

    /** The bytes as UTF-8, failing on any malformed sequence (a raw lone surrogate would be one). */
    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError("Not well-formed UTF-8", e);
        }
    }
}
