package io.tributary.gateway.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import io.tributary.gateway.support.SseParser;
import io.tributary.gateway.support.SseParser.Event;
import io.tributary.gateway.support.TestEvents;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobState;
import io.tributary.schema.LogPosition;
import io.tributary.schema.fold.JobFold;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JobMessagesTest {

    /** Everything that could break a line or an encoding: CR, LF, CRLF, U+2028/9, NUL, a fake field. */
    private static final String HOSTILE = "a\r\nb\rc\nd\u2028e\u2029f\u0000g\n\ndata: injected\n\nid: 99\n";

    private final JobMessages messages = new JobMessages(new JobJson());
    private final JsonMapper json = JsonMapper.builder().build();
    private final TestEvents job = new TestEvents("job-1");

    @Test
    void shouldFrameEachMessageAsOneIdLineAndOneDataLine() {
        JobState state = fold(job.started("alice"), job.text(1, HOSTILE), job.completed(2));

        String frame = new String(messages.status(state), StandardCharsets.UTF_8);

        assertThat(frame).startsWith("id: 2\ndata: {").endsWith("}\n\n");
        assertThat(frame.chars().filter(c -> c == '\r')).isEmpty();
        assertThat(frame.chars().filter(c -> c == '\n')).hasSize(3);
        assertThat(frame).doesNotContain("\u2028", "\u2029", "\u0000").contains("d\\u2028e\\u2029f\\u0000g");
    }

    @Test
    void shouldParseBackContentExactlyWhateverItHolds() {
        JobState state = fold(job.started("alice"), job.text(1, HOSTILE), job.completed(2));

        Event event = onlyEvent(messages.status(state));

        assertThat(event.lastEventId()).isEqualTo("2");
        assertThat(event.type()).isEqualTo("message");
        assertThat(payload(event).path("status").path("content").asString()).isEqualTo(HOSTILE);
    }

    @Test
    void shouldCarryLoneSurrogatesOfASplitEmojiSoThatDeltasConcatenateExactly() {
        String wave = "👋";
        JobHeader header = JobHeader.of(fold(job.started("alice")));
        String first = "hi " + wave.charAt(0);
        String second = wave.charAt(1) + "!";

        byte[] frame = messages.delta(header, new DeltaFacts(1, first, 4, 1, null, null, null));
        JsonNode one = payload(onlyEvent(frame));
        JsonNode two = payload(onlyEvent(messages.delta(header, new DeltaFacts(2, second, 6, 2, null, null, null))));

        assertThat(new String(frame, StandardCharsets.UTF_8)).contains("hi \\ud83d");
        assertThat(one.path("status").path("content_delta").asString()).isEqualTo(first);
        assertThat(one.path("status").path("content_delta").asString() + two.path("status").path("content_delta").asString())
                .isEqualTo("hi " + wave + "!");
    }

    @Test
    void shouldWriteAPairedEmojiAsItsFourUtf8Bytes() {
        JobHeader header = JobHeader.of(fold(job.started("alice")));

        byte[] frame = messages.delta(header, new DeltaFacts(1, "👋", 2, 1, null, null, null));

        assertThat(new String(frame, StandardCharsets.UTF_8)).contains("\"content_delta\":\"👋\"").doesNotContain("\\u");
        assertThat(frame).containsSequence((byte) 0xF0, (byte) 0x9F, (byte) 0x91, (byte) 0x8B);
        assertThat(frame.length).isEqualTo(messages.delta(header, new DeltaFacts(1, "ab", 2, 1, null, null, null)).length + 2);
    }

    @Test
    void shouldCarryAnyTextExactlyWhateverItsSurrogatesAndLineEnds() {
        // Random texts of the troublemakers, paired and unpaired surrogates among them, from a fixed seed.
        String[] pieces = {"a", "é", "\r", "\n", "\r\n", "\u0000", "\u2028", "\u2029", "\"", "\\", "👋", "\uD83D",
                "\uDC4B", "\uDBFF", "\uDC00", "data: x", "\u00e9"};
        Random random = new Random(20260101);
        JobHeader header = JobHeader.of(fold(job.started("alice")));
        for (int round = 0; round < 2_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(12); i >= 0; i--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String content = text.toString();

            byte[] frame = messages.delta(header, new DeltaFacts(round, content, content.length(), 1, null, null, null));

            String wire = strictUtf8(frame);
            assertThat(wire.chars().filter(c -> c == '\r')).as(content).isEmpty();
            assertThat(wire.chars().filter(c -> c == '\n')).as(content).hasSize(3);
            assertThat(wire).doesNotContain("\u2028", "\u2029", "\u0000");
            assertThat(payload(onlyEvent(frame)).path("status").path("content_delta").asString()).as(content)
                    .isEqualTo(content);
        }
    }

    @Test
    void shouldRenderADeltaWithOnlyWhatTheEventCarries() {
        JobHeader header = JobHeader.of(fold(job.started("alice")));

        JsonNode delta = payload(onlyEvent(messages.delta(header, new DeltaFacts(3, "lo", 17, 2, null, null, null))));

        assertThat(delta.path("event").asString()).isEqualTo("delta");
        JsonNode status = delta.path("status");
        assertThat(names(status)).containsExactly("id", "status", "threadId", "messageId", "model", "chunksReceived",
                "startedAt", "content_delta", "content_length", "seq");
        assertThat(status.path("status").asString()).isEqualTo("streaming");
        assertThat(status.path("content_length").asInt()).isEqualTo(17);
        assertThat(status.path("seq").asLong()).isEqualTo(3);
        assertThat(status.path("startedAt").asLong()).isEqualTo(job.started("alice").getTimestamp().toEpochMilli());
    }

    @Test
    void shouldRenderTheFullStatusOfTheOriginalPlusAdditions() {
        JobState state = fold(job.started("alice"), job.reasoning(1, "think"), job.text(2, "Hello"),
                job.toolCall(3, 0, "call_1", "get_weather", "{\"city\":"), job.toolCall(4, 0, null, null, "\"Paris\"}"),
                job.usage(5), job.completed(6));

        JsonNode status = payload(onlyEvent(messages.snapshot(6, state))).path("status");

        assertThat(names(status)).containsExactly("id", "status", "threadId", "messageId", "model", "chunksReceived",
                "startedAt", "completedAt", "error", "content", "content_length", "reasoning", "tool_calls", "usage",
                "seq");
        assertThat(status.path("status").asString()).isEqualTo("complete");
        assertThat(status.path("chunksReceived").asLong()).isEqualTo(4);
        assertThat(status.path("completedAt").asLong()).isEqualTo(job.completed(6).getTimestamp().toEpochMilli());
        assertThat(status.path("error").isNull()).isTrue();
        assertThat(status.path("content").asString()).isEqualTo("Hello");
        assertThat(status.path("reasoning").asString()).isEqualTo("think");
        assertThat(json.writeValueAsString(status.path("tool_calls"))).isEqualTo(
                "[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                        + "\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]");
        JsonNode usage = status.path("usage");
        assertThat(usage.path("prompt_tokens").asLong()).isEqualTo(12);
        assertThat(usage.path("completion_tokens").asLong()).isEqualTo(9);
        assertThat(usage.path("total_tokens").asLong()).isEqualTo(21);
        assertThat(usage.path("cost").asDouble()).isEqualTo(1.23e-05);
        assertThat(usage.path("prompt_tokens_details").path("cached_tokens").asInt()).isEqualTo(4);
    }

    @Test
    void shouldGiveTheFailureMessageAsErrorButNoErrorForAnAbort() throws Exception {
        JobState failed = fold(job.started("alice"), job.text(1, "part"), job.failed(2, "Provider disconnected"));
        JobState aborted = fold(job.started("alice"), job.text(1, "part"), job.aborted(2));

        JsonNode failedStatus = json.readTree(messages.statusJson(failed));
        JsonNode abortedStatus = json.readTree(messages.statusJson(aborted));

        assertThat(failedStatus.path("status").asString()).isEqualTo("error");
        assertThat(failedStatus.path("error").asString()).isEqualTo("Provider disconnected");
        assertThat(abortedStatus.path("status").asString()).isEqualTo("aborted");
        assertThat(abortedStatus.path("error").isNull()).isTrue();
        assertThat(abortedStatus.path("content").asString()).isEqualTo("part");
    }

    @Test
    void shouldAnswerTheContentFromAnOffsetAndTheWholeContentPastTheEnd() throws Exception {
        JobState state = fold(job.started("alice"), job.text(1, "Hello, world"));

        JsonNode fromSeven = json.readTree(messages.statusJson(state, 7));
        JsonNode atEnd = json.readTree(messages.statusJson(state, 12));
        JsonNode pastEnd = json.readTree(messages.statusJson(state, 13));

        assertThat(fromSeven.has("content")).isFalse();
        assertThat(fromSeven.path("content_delta").asString()).isEqualTo("world");
        assertThat(fromSeven.path("content_length").asInt()).isEqualTo(12);
        assertThat(atEnd.path("content_delta").asString()).isEmpty();
        assertThat(pastEnd.has("content_delta")).isFalse();
        assertThat(pastEnd.path("content").asString()).isEqualTo("Hello, world");
    }

    @Test
    void shouldCountOffsetsInUtf16CodeUnits() throws Exception {
        JobState state = fold(job.started("alice"), job.text(1, "👋 hi"));

        JsonNode status = json.readTree(messages.statusJson(state, 2));

        assertThat(status.path("content_delta").asString()).isEqualTo(" hi");
        assertThat(status.path("content_length").asInt()).isEqualTo(5);
    }

    @Test
    void shouldListAJobWithoutItsContent() throws Exception {
        JobState failed = fold(job.started("alice"), job.text(1, "secret"), job.failed(2, "Provider disconnected"));

        JsonNode listed = json.readTree(messages.summariesJson(List.of(failed))).get(0);

        assertThat(names(listed)).containsExactly("id", "status", "threadId", "messageId", "model", "chunksReceived",
                "startedAt", "completedAt", "error");
        assertThat(listed.path("status").asString()).isEqualTo("error");
        assertThat(listed.path("error").asString()).isEqualTo("Provider disconnected");
        assertThat(listed.path("completedAt").asLong()).isEqualTo(job.failed(2, "").getTimestamp().toEpochMilli());
    }

    @Test
    void shouldStartAStreamWithARetryHintAndKeepItAliveWithPingComments() {
        assertThat(SseParser.parseAll(new String(JobMessages.retry(java.time.Duration.ofSeconds(2)), StandardCharsets.UTF_8)
                + new String(JobMessages.ping(), StandardCharsets.UTF_8)))
                .containsExactly(new SseParser.Retry(2000), new SseParser.Comment("ping"));
    }

    private static JobState fold(JobEvent... events) {
        JobFold fold = JobFold.empty(events[0].getJobId());
        for (int i = 0; i < events.length; i++) {
            fold.apply(events[i], new LogPosition(0, (long) i));
        }
        return fold.toState();
    }

    /** The bytes as UTF-8, failing on any malformed sequence. */
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

    private static Event onlyEvent(byte[] frame) {
        List<SseParser.Item> items = new SseParser().feed(frame);
        assertThat(items).hasSize(1).first().isInstanceOf(Event.class);
        return (Event) items.get(0);
    }

    private JsonNode payload(Event event) {
        return json.readTree(event.data());
    }

    private static List<String> names(JsonNode node) {
        return node.propertyNames().stream().toList();
    }
}
