package io.tributary.ingest.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class KeyRedactorTest {

    private static final String SERVER_KEY = "sk-or-v1-0123456789abcdef";
    private static final String CALLER_KEY = "sk-or-v1-caller-9876";

    private final KeyRedactor redactor = KeyRedactor.of(SERVER_KEY, null, " ", " " + CALLER_KEY + " ");

    @Test
    void shouldRedactEveryOccurrenceOfEitherKeyInText() {
        assertThat(redactor.redact("Invalid key " + SERVER_KEY + " (also " + CALLER_KEY + SERVER_KEY + ")"))
                .isEqualTo("Invalid key [redacted] (also [redacted][redacted])");
        assertThat(redactor.redact("nothing secret")).isEqualTo("nothing secret");
    }

    @Test
    void shouldRedactNothingWithoutKeys() {
        KeyRedactor none = KeyRedactor.of(null, "", "  ");

        assertThat(none.isEmpty()).isTrue();
        assertThat(none.redact("sk-or-v1-anything")).isEqualTo("sk-or-v1-anything");
        assertThat(none.stream().next(bytes("data: x"))).isEqualTo(bytes("data: x"));
    }

    @Test
    void shouldRedactAKeyCutAtEveryPossiblePointOfAStream() {
        String body = "data: {\"error\": {\"message\": \"Invalid key " + SERVER_KEY + "\"}}\n\n";
        byte[] bytes = bytes(body);

        for (int cut = 0; cut <= bytes.length; cut++) {
            KeyRedactor.ByteStream stream = redactor.stream();
            String out = string(stream.next(Arrays.copyOfRange(bytes, 0, cut)), stream.next(Arrays.copyOfRange(bytes, cut, bytes.length)),
                    stream.end());
            assertThat(out).as("cut at %d", cut).isEqualTo(body.replace(SERVER_KEY, "[redacted]"));
        }
    }

    @Test
    void shouldHoldBackNothingOfAPieceEndingWithAnEventsBlankLine() {
        KeyRedactor.ByteStream stream = redactor.stream();

        assertThat(string(stream.next(bytes("data: {\"content\": \"sk\"}\n\n")))).isEqualTo("data: {\"content\": \"sk\"}\n\n");
    }

    @Test
    void shouldHoldBackOnlyTheBeginningOfAKeyAndGiveItBackWhenNoKeyFollows() {
        KeyRedactor.ByteStream stream = redactor.stream();

        assertThat(string(stream.next(bytes("the key sk-or-v1")))).isEqualTo("the key ");
        assertThat(string(stream.next(bytes("-0123 is not it")))).isEqualTo("sk-or-v1-0123 is not it");
        assertThat(string(stream.next(bytes("ends with sk-o")))).isEqualTo("ends with ");
        assertThat(string(stream.end())).isEqualTo("sk-o");
    }

    @Test
    void shouldRedactTheWholeLongerKeyWhenOneKeyBeginsTheOther() {
        KeyRedactor nested = KeyRedactor.of("sk-short", "sk-short-and-longer");

        assertThat(nested.redact("a sk-short-and-longer b sk-short")).isEqualTo("a [redacted] b [redacted]");
        KeyRedactor.ByteStream stream = nested.stream();
        assertThat(string(stream.next(bytes("a sk-short-and-longer b sk-short")), stream.end()))
                .isEqualTo("a [redacted] b [redacted]");
    }

    @Property(tries = 300)
    void shouldRedactAStreamCutAnywhereAsItRedactsTheWholeText(@ForAll("textWithKeys") String text,
            @ForAll @Size(max = 40) List<@IntRange(min = 1, max = 13) Integer> cuts) {
        byte[] bytes = bytes(text);
        KeyRedactor.ByteStream stream = redactor.stream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        for (int size : cuts) {
            int end = Math.min(bytes.length, at + size);
            out.writeBytes(stream.next(Arrays.copyOfRange(bytes, at, end)));
            at = end;
        }
        out.writeBytes(stream.next(Arrays.copyOfRange(bytes, at, bytes.length)));
        out.writeBytes(stream.end());

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(redactor.redact(text));
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain(SERVER_KEY, CALLER_KEY);
    }

    @Provide
    Arbitrary<String> textWithKeys() {
        Arbitrary<String> part = Arbitraries.oneOf(
                Arbitraries.of(SERVER_KEY, CALLER_KEY, "sk-or-v1-", "sk-", "s", "\n\n", "data: ", "\uD83D\uDC4B"),
                Arbitraries.strings().withChars("sk-orv10123abcdef \n").ofMaxLength(12));
        return part.list().ofMaxSize(12).map(parts -> String.join("", parts));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(byte[]... pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] piece : pieces) {
            out.writeBytes(piece);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
