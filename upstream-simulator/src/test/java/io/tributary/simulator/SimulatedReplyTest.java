package io.tributary.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SimulatedReplyTest {

    private static final String HELLO = """
            {"model":"simulator/echo","messages":[{"role":"system","content":"Be brief"},\
            {"role":"user","content":"Hello there"}],"stream":true}""";

    @Test
    void shouldUseTheDocumentedDefaultsWhenTheRequestSetsNoOptions() {
        SimulatedReply reply = SimulatedReply.forRequest(HELLO);

        assertThat(reply.options()).isEqualTo(SimulatorOptions.DEFAULTS);
        assertThat(reply.deltas()).hasSize(40);
        assertThat(reply.content().codePointCount(0, reply.content().length())).isEqualTo(240);
        assertThat(reply.promptTokens()).isEqualTo(4);
    }

    @Test
    void shouldStartEveryReplyWithAnAccentAnEmojiAndANewline() {
        String content = SimulatedReply.forRequest(HELLO).content();

        assertThat(content).startsWith("Héllo 👋\n");
        assertThat(content.length()).isGreaterThan(content.codePointCount(0, content.length()));
    }

    @Test
    void shouldGiveTheSameReplyToTheSameRequestAndAnotherToAnotherMessage() {
        String other = HELLO.replace("Hello there", "Something else");

        assertThat(SimulatedReply.forRequest(HELLO).content()).isEqualTo(SimulatedReply.forRequest(HELLO).content());
        assertThat(SimulatedReply.forRequest(other).content()).isNotEqualTo(SimulatedReply.forRequest(HELLO).content());
    }

    @Test
    void shouldCutTheReplyIntoChunksOfExactlyChunkCharsCodePointsWithoutSplittingASurrogatePair() {
        for (int chunkChars = 1; chunkChars <= 9; chunkChars++) {
            SimulatedReply reply = SimulatedReply.forRequest(HELLO.replace("\"stream\":true",
                    "\"simulator\":{\"chunks\":30,\"chunk_chars\":" + chunkChars + "}"));

            assertThat(reply.deltas()).hasSize(30).allSatisfy(delta -> {
                assertThat(Character.isLowSurrogate(delta.charAt(0))).isFalse();
                assertThat(Character.isHighSurrogate(delta.charAt(delta.length() - 1))).isFalse();
            });
            int expectedChunkChars = chunkChars;
            assertThat(reply.deltas()).allSatisfy(delta ->
                    assertThat(delta.codePointCount(0, delta.length())).isEqualTo(expectedChunkChars));
        }
    }

    @Test
    void shouldDeliverHalfOfTheContentBeforeAMidStreamFailure() {
        SimulatedReply reply = SimulatedReply.forRequest(HELLO.replace("\"stream\":true",
                "\"simulator\":{\"chunks\":9,\"fail\":\"midstream_error\"}"));

        assertThat(reply.deliveredDeltas()).isEqualTo(reply.deltas().subList(0, 4));
        assertThat(reply.deliveredContent()).isEqualTo(String.join("", reply.deltas().subList(0, 4)));
    }

    @Test
    void shouldTakeOptionsFromTheBodyBeforeHeadersAndHeadersBeforeDefaults() {
        String body = HELLO.replace("\"stream\":true", "\"simulator\":{\"chunks\":3}");
        Map<String, String> headers = Map.of("x-simulator-chunks", "7", "X-Simulator-Interval-Ms", "5",
                "X-Simulator-Chunk-Chars", "2", "X-Simulator-Fail", "disconnect");

        SimulatorOptions options = SimulatedReply.forRequest(body, headers).options();

        assertThat(options).isEqualTo(new SimulatorOptions(3, Duration.ofMillis(5), 2, FailMode.DISCONNECT));
    }

    @Test
    void shouldReadTheLastUserMessageFromTextPartsToo() {
        String parts = HELLO.replace("\"content\":\"Hello there\"",
                "\"content\":[{\"type\":\"text\",\"text\":\"Hello \"},{\"type\":\"image_url\"},"
                        + "{\"type\":\"text\",\"text\":\"there\"}]");

        assertThat(SimulatedReply.forRequest(parts).content()).isEqualTo(SimulatedReply.forRequest(HELLO).content());
    }

    @Test
    void shouldStreamALiteralReplyVerbatimInPiecesOfChunkCharsCodePoints() {
        String body = HELLO.replace("\"stream\":true",
                "\"simulator\":{\"reply\":\"a\\rb\\nc\\r\\nd\\u2028e\\u0000f\\ud83d\\ude80\",\"chunk_chars\":2}");

        SimulatedReply reply = SimulatedReply.forRequest(body);

        assertThat(reply.content()).isEqualTo("a\rb\nc\r\nd\u2028e\u0000f\uD83D\uDE80");
        assertThat(reply.deltas()).containsExactly("a\r", "b\n", "c\r", "\nd", "\u2028e", "\u0000f", "\uD83D\uDE80");
        assertThat(reply.options().chunks()).as("chunks follows from the reply").isEqualTo(7);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"simulator\":{\"reply\":\"\"}}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"simulator\":{\"reply\":7}}",
            "not json",
            "[]",
            "{}",
            "{\"messages\":[]}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stream\":\"yes\"}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"model\":7}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"simulator\":5}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"simulator\":{\"chunks\":0}}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"simulator\":{\"chunks\":1.5}}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"simulator\":{\"interval_ms\":-1}}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"simulator\":{\"chunk_chars\":\"6\"}}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"simulator\":{\"fail\":\"sometimes\"}}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"simulator\":{\"chunks\":100000,\"chunk_chars\":10000}}"})
    void shouldRejectARequestItCannotServe(String body) {
        assertThatThrownBy(() -> SimulatedReply.forRequest(body)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void shouldRejectAHeaderOptionThatIsNotANumber() {
        assertThatThrownBy(() -> SimulatedReply.forRequest(HELLO, Map.of("X-Simulator-Chunks", "many")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("chunks");
    }
}
