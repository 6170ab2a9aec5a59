package io.tributary.ingest.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.tributary.ingest.event.EventDraft;
import io.tributary.schema.FailureReason;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobEventType;
import io.tributary.schema.ToolCallDelta;
import io.tributary.schema.Usage;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ChunkInterpreterTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final List<SkippedChunk> skipped = new ArrayList<>();
    private final ChunkInterpreter interpreter = new ChunkInterpreter(skipped::add);

    @Test
    void shouldTurnContentIntoATextDelta() {
        List<JobEvent> events = interpret(chunk("{\"role\": \"assistant\", \"content\": \"Hel\"}", null));

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.getType()).isEqualTo(JobEventType.TEXT_DELTA);
            assertThat(event.getText()).isEqualTo("Hel");
        });
    }

    @Test
    void shouldMakeNoEventForARoleOnlyOrEmptyOrNullContentChunk() {
        assertThat(interpret(chunk("{\"role\": \"assistant\", \"content\": \"\"}", null))).isEmpty();
        assertThat(interpret(chunk("{\"role\": \"assistant\"}", null))).isEmpty();
        assertThat(interpret(chunk("{\"content\": null}", null))).isEmpty();
        assertThat(skipped).isEmpty();
    }

    @Test
    void shouldKeepReasoningDetailsVerbatimNextToTheReasoningText() {
        String details = "[{\"type\":\"reasoning.text\",\"text\":\"Let me think.\",\"format\":\"anthropic-claude-v1\",\"index\":0,"
                + "\"signature\":\"c2ln\"}]";

        List<JobEvent> events = interpret(chunk(
                "{\"content\": \"\", \"reasoning\": \"Let me think.\", \"reasoning_details\": " + details + "}", null));

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.getType()).isEqualTo(JobEventType.REASONING_DELTA);
            assertThat(event.getText()).isEqualTo("Let me think.");
            assertThat(json.readTree(event.getReasoningDetails())).isEqualTo(json.readTree(details));
        });
    }

    @Test
    void shouldMakeAReasoningEventForReasoningDetailsAlone() {
        String details = "[{\"type\":\"reasoning.encrypted\",\"data\":\"gAAAA\",\"id\":\"rs_1\",\"format\":\"openai-responses-v1\",\"index\":0}]";

        List<JobEvent> events = interpret(chunk("{\"reasoning\": null, \"reasoning_details\": " + details + "}", null));

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.getType()).isEqualTo(JobEventType.REASONING_DELTA);
            assertThat(event.getText()).isEmpty();
            assertThat(json.readTree(event.getReasoningDetails())).isEqualTo(json.readTree(details));
        });
    }

    @Test
    void shouldGiveReasoningBeforeTextWhenAChunkCarriesBoth() {
        List<JobEvent> events = interpret(chunk("{\"content\": \"Hi\", \"reasoning\": \"Greet.\"}", null));

        assertThat(events).extracting(JobEvent::getType)
                .containsExactly(JobEventType.REASONING_DELTA, JobEventType.TEXT_DELTA);
    }

    @Test
    void shouldMakeOneToolCallDeltaPerFragment() {
        List<JobEvent> events = interpret(chunk("{\"tool_calls\": ["
                + "{\"index\": 0, \"id\": \"call_1\", \"type\": \"function\", \"function\": {\"name\": \"get_weather\", \"arguments\": \"\"}},"
                + "{\"index\": 1, \"function\": {\"arguments\": \"{\\\"tz\\\"\"}},"
                + "{\"function\": {\"arguments\": \"x\"}}]}", null));

        assertThat(events).extracting(JobEvent::getToolCall).containsExactly(
                new ToolCallDelta(0, "call_1", "function", "get_weather", ""),
                new ToolCallDelta(1, null, null, null, "{\"tz\""),
                new ToolCallDelta(2, null, null, null, "x"));
    }

    @Test
    void shouldMakeAnImageEventPerImage() {
        List<JobEvent> events = interpret(chunk("{\"images\": [{\"type\": \"image_url\", \"image_url\": {\"url\": \"data:image/png;base64,iVBO\"}},"
                + "{\"type\": \"image_url\", \"image_url\": {}}]}", null));

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.getType()).isEqualTo(JobEventType.IMAGE);
            assertThat(event.getImage().getUrl()).isEqualTo("data:image/png;base64,iVBO");
        });
    }

    @Test
    void shouldKeepUsageTypedAndVerbatim() {
        String usage = "{\"prompt_tokens\": 12, \"completion_tokens\": 9, \"total_tokens\": 21, \"cost\": 1.23e-05,"
                + " \"prompt_tokens_details\": {\"cached_tokens\": 0}}";

        List<JobEvent> events = interpret("{\"id\": \"gen-1\", \"choices\": [], \"usage\": " + usage + "}");

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.getType()).isEqualTo(JobEventType.USAGE);
            Usage typed = event.getUsage();
            assertThat(typed.getPromptTokens()).isEqualTo(12L);
            assertThat(typed.getCompletionTokens()).isEqualTo(9L);
            assertThat(typed.getTotalTokens()).isEqualTo(21L);
            assertThat(typed.getCost()).isEqualTo(1.23e-05);
            assertThat(json.readTree(typed.getJson())).isEqualTo(json.readTree(usage));
        });
    }

    @Test
    void shouldCompleteOnDoneWithTheLastFinishReasonAndGenerationId() {
        interpret(chunk("{\"content\": \"a\"}", null));
        interpret("{\"id\": \"gen-42\", \"choices\": [{\"index\": 0, \"delta\": {}, \"finish_reason\": \"length\"}]}");

        List<JobEvent> events = interpret("[DONE]");

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.getType()).isEqualTo(JobEventType.COMPLETED);
            assertThat(event.getCompleted().getFinishReason()).isEqualTo("length");
            assertThat(event.getCompleted().getGenerationId()).isEqualTo("gen-42");
        });
        assertThat(interpreter.isFinished()).isTrue();
        assertThat(interpreter.endOfStream()).isEmpty();
    }

    @Test
    void shouldCompleteOnDoneEvenWithoutAFinishReason() {
        assertThat(interpret("[DONE]")).extracting(JobEvent::getType).containsExactly(JobEventType.COMPLETED);
    }

    @Test
    void shouldCompleteAtTheEndOfTheStreamAfterAFinishReason() {
        interpret(chunk("{\"content\": \"a\"}", "stop"));

        JobEvent end = stamp(single(interpreter.endOfStream()));

        assertThat(end.getType()).isEqualTo(JobEventType.COMPLETED);
        assertThat(end.getCompleted().getFinishReason()).isEqualTo("stop");
        assertThat(end.getCompleted().getGenerationId()).isEqualTo("gen-1");
    }

    @Test
    void shouldFailAsDisconnectedAtTheEndOfTheStreamWithoutFinishReasonOrDone() {
        interpret(chunk("{\"content\": \"a\"}", null));

        JobEvent end = stamp(single(interpreter.endOfStream()));

        assertThat(end.getType()).isEqualTo(JobEventType.FAILED);
        assertThat(end.getFailed().getReason()).isEqualTo(FailureReason.UPSTREAM_DISCONNECTED);
        assertThat(end.getFailed().getMessage()).isEqualTo("upstream disconnected");
    }

    @Test
    void shouldFailOnAnErrorObjectAfterTheDeltasOfTheSameChunk() {
        List<JobEvent> events = interpret("{\"id\": \"gen-1\", \"error\": {\"code\": 502, \"message\": \"Provider disconnected\"},"
                + " \"choices\": [{\"index\": 0, \"delta\": {\"content\": \" tail\"}, \"finish_reason\": \"error\"}]}");

        assertThat(events).extracting(JobEvent::getType).containsExactly(JobEventType.TEXT_DELTA, JobEventType.FAILED);
        JobEvent failed = events.get(1);
        assertThat(failed.getFailed().getReason()).isEqualTo(FailureReason.UPSTREAM_ERROR);
        assertThat(failed.getFailed().getMessage()).isEqualTo("Provider disconnected");
        assertThat(failed.getFailed().getCode()).isEqualTo("502");
        assertThat(interpret("[DONE]")).isEmpty();
        assertThat(interpreter.endOfStream()).isEmpty();
    }

    @Test
    void shouldFailOnAnErrorObjectWithoutChoices() {
        List<JobEvent> events = interpret("{\"error\": {\"code\": \"server_error\", \"message\": \"Overloaded\"}}");

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.getFailed().getMessage()).isEqualTo("Overloaded");
            assertThat(event.getFailed().getCode()).isEqualTo("server_error");
        });
    }

    @Test
    void shouldFailOnAnErrorFinishReasonWithoutErrorObject() {
        List<JobEvent> events = interpret(chunk("{}", "error"));

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.getType()).isEqualTo(JobEventType.FAILED);
            assertThat(event.getFailed().getReason()).isEqualTo(FailureReason.UPSTREAM_ERROR);
            assertThat(event.getFailed().getMessage()).isEqualTo("The upstream reported an error");
        });
    }

    @Test
    void shouldSkipAndCountPayloadsThatAreNotJsonOrNotAChunk() {
        assertThat(interpret("{not json")).isEmpty();
        assertThat(interpret("\"just a string\"")).isEmpty();
        assertThat(interpret("{\"choices\": {\"0\": {}}}")).isEmpty();
        assertThat(interpret("{\"choices\": [\"text\"]}")).isEmpty();
        assertThat(interpret("{\"choices\": [{\"delta\": \"text\"}]}")).isEmpty();

        assertThat(skipped).containsExactly(SkippedChunk.INVALID_JSON, SkippedChunk.UNEXPECTED_SHAPE,
                SkippedChunk.UNEXPECTED_SHAPE, SkippedChunk.UNEXPECTED_SHAPE, SkippedChunk.UNEXPECTED_SHAPE);
        assertThat(interpret(chunk("{\"content\": \"still fine\"}", null))).hasSize(1);
        assertThat(interpreter.isFinished()).isFalse();
    }

    @Test
    void shouldIgnoreFieldsOfAnUnexpectedTypeInsideAChunk() {
        List<JobEvent> events = interpret(chunk("{\"content\": 42, \"reasoning\": [\"x\"], \"tool_calls\": \"no\", \"images\": 1}", null));

        assertThat(events).isEmpty();
    }

    @Test
    void shouldMakeNothingAfterTheJobEnded() {
        interpret("[DONE]");

        assertThat(interpret(chunk("{\"content\": \"late\"}", null))).isEmpty();
    }

    @Test
    void shouldSkipAndCountJsonNestedDeeperThanTheLimitQuicklyAndWithoutOverflowingTheStack() {
        long started = System.nanoTime();

        assertThat(interpret("[".repeat(1_000_000))).isEmpty();
        assertThat(interpret(chunk("{\"content\": \"x\", \"extra\": " + nested(ChunkInterpreter.MAX_NESTING_DEPTH - 3) + "}", null)))
                .isEmpty();

        assertThat(System.nanoTime() - started).as("nanos").isLessThan(Duration.ofSeconds(1).toNanos());
        assertThat(skipped).containsExactly(SkippedChunk.JSON_LIMIT, SkippedChunk.JSON_LIMIT);
        assertThat(interpreter.isFinished()).isFalse();
    }

    @Test
    void shouldReadJsonNestedUpToTheLimit() {
        // The chunk itself takes four levels (object, choices, choice, delta): 100 in all.
        String extra = nested(ChunkInterpreter.MAX_NESTING_DEPTH - 4);

        List<JobEvent> events = interpret(chunk("{\"content\": \"deep\", \"extra\": " + extra + "}", null));

        assertThat(events).extracting(JobEvent::getText).containsExactly("deep");
        assertThat(skipped).isEmpty();
    }

    @Test
    void shouldSkipAndCountANumberOfThousandsOfDigits() {
        assertThat(interpret("{\"choices\": [], \"usage\": {\"cost\": 1" + "0".repeat(5_000) + "}}")).isEmpty();

        assertThat(skipped).containsExactly(SkippedChunk.JSON_LIMIT);
    }

    @Test
    void shouldJoinASurrogatePairSplitAcrossTwoContentChunks() {
        assertThat(interpret(chunk("{\"content\": \"Hi \\uD83D\"}", null))).extracting(JobEvent::getText)
                .containsExactly("Hi ");
        assertThat(interpret(chunk("{\"content\": \"\\uDC4B!\"}", null))).extracting(JobEvent::getText)
                .containsExactly("\uD83D\uDC4B!");
    }

    @Test
    void shouldCarryReasoningAndContentHalvesEachToTheirOwnNextText() {
        List<JobEvent> first = interpret(chunk("{\"reasoning\": \"r\\uD83E\", \"content\": \"c\\uD83D\"}", null));
        List<JobEvent> second = interpret(chunk("{\"reasoning\": \"\\uDD14\", \"content\": \"\\uDC4B\"}", null));

        assertThat(first).extracting(JobEvent::getType, JobEvent::getText).containsExactly(
                tuple(JobEventType.REASONING_DELTA, "r"), tuple(JobEventType.TEXT_DELTA, "c"));
        assertThat(second).extracting(JobEvent::getType, JobEvent::getText).containsExactly(
                tuple(JobEventType.REASONING_DELTA, "\uD83E\uDD14"), tuple(JobEventType.TEXT_DELTA, "\uD83D\uDC4B"));
    }

    @Test
    void shouldWriteAHeldHalfAsTheReplacementCharacterBeforeAnEventOfAnotherKind() {
        interpret(chunk("{\"content\": \"call \\uD83D\"}", null));

        List<JobEvent> events = interpret(chunk("{\"tool_calls\": [{\"index\": 0, \"function\": {\"arguments\": \"{}\"}}]}", null));

        assertThat(events).extracting(JobEvent::getType, JobEvent::getText).containsExactly(
                tuple(JobEventType.TEXT_DELTA, "\uFFFD"), tuple(JobEventType.TOOL_CALL_DELTA, null));
    }

    @Test
    void shouldWriteAHeldHalfAsTheReplacementCharacterAtEveryKindOfEnd() {
        assertThat(endsAfterAHalf(interpreter -> interpreter.interpret("[DONE]")))
                .containsExactly(JobEventType.TEXT_DELTA, JobEventType.COMPLETED);
        assertThat(endsAfterAHalf(ChunkInterpreter::endOfStream))
                .containsExactly(JobEventType.TEXT_DELTA, JobEventType.FAILED);
        assertThat(endsAfterAHalf(interpreter -> interpreter.cutOff(FailureReason.INVALID_UPSTREAM_DATA, "too much")))
                .containsExactly(JobEventType.TEXT_DELTA, JobEventType.FAILED);
        assertThat(endsAfterAHalf(interpreter -> interpreter.interpret("{\"error\": {\"message\": \"Overloaded\"}}")))
                .containsExactly(JobEventType.TEXT_DELTA, JobEventType.FAILED);
    }

    @Test
    void shouldReplaceLoneHalvesInsideAText() {
        assertThat(interpret(chunk("{\"content\": \"a\\uDC4Bb\\uD83Dc\"}", null))).extracting(JobEvent::getText)
                .containsExactly("a\uFFFDb\uFFFDc");
    }

    private static List<JobEventType> endsAfterAHalf(Function<ChunkInterpreter, List<EventDraft>> end) {
        ChunkInterpreter interpreter = new ChunkInterpreter(cause -> { });
        interpreter.interpret(chunk("{\"content\": \"half \\uD83D\"}", null));
        List<EventDraft> events = end.apply(interpreter);
        assertThat(events.get(0).toEvent("job", 1, Instant.EPOCH).getText()).isEqualTo("\uFFFD");
        return events.stream().map(EventDraft::type).toList();
    }

    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    private List<JobEvent> interpret(String data) {
        return interpreter.interpret(data).stream().map(ChunkInterpreterTest::stamp).toList();
    }

    private static EventDraft single(List<EventDraft> drafts) {
        assertThat(drafts).hasSize(1);
        return drafts.get(0);
    }

    private static JobEvent stamp(@Nullable EventDraft draft) {
        assertThat(draft).isNotNull();
        return draft.toEvent("job", 0, Instant.EPOCH);
    }

    private static String chunk(String delta, @Nullable String finishReason) {
        return "{\"id\": \"gen-1\", \"object\": \"chat.completion.chunk\", \"choices\": [{\"index\": 0, \"delta\": " + delta
                + ", \"finish_reason\": " + (finishReason == null ? "null" : "\"" + finishReason + "\"") + "}]}";
    }
}
