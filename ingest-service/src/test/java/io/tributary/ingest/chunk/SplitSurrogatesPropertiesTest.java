package io.tributary.ingest.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.tributary.ingest.event.EventDraft;
import io.tributary.schema.JobEvent;
import io.tributary.schema.JobEventType;
import io.tributary.schema.topic.Topics;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * However the upstream cuts an emoji-rich text into content chunks (surrogate pairs included, sent
 * as JSON {@code \\uXXXX} escapes), the job's text events, stored as Avro and read back, join to
 * exactly that text, and none of them holds a lone surrogate.
 */
class SplitSurrogatesPropertiesTest {

    private static final Serializer<JobEvent> SERIALIZER = Topics.JOB_DELTAS.valueSerde().serializer();
    private static final Deserializer<JobEvent> DESERIALIZER = Topics.JOB_DELTAS.valueSerde().deserializer();

    @Property(tries = 300)
    void shouldKeepTheTextWhateverTheCuts(@ForAll("emojiRichText") String text,
            @ForAll @Size(max = 30) List<@IntRange(min = 1, max = 7) Integer> cuts) {
        ChunkInterpreter interpreter = new ChunkInterpreter(cause -> {
            throw new AssertionError("Skipped a chunk: " + cause);
        });
        List<EventDraft> drafts = new ArrayList<>();
        for (String piece : cut(text, cuts)) {
            drafts.addAll(interpreter.interpret(contentChunk(piece)));
        }
        drafts.addAll(interpreter.interpret("[DONE]"));

        StringBuilder joined = new StringBuilder();
        for (EventDraft draft : drafts) {
            JobEvent stored = storedAndReadBack(draft);
            if (stored.getType() == JobEventType.TEXT_DELTA) {
                assertThat(SurrogateCarry.wellFormed(stored.getText())).isEqualTo(stored.getText());
                joined.append(stored.getText());
            }
        }
        assertThat(joined.toString()).isEqualTo(text);
    }

    @Provide
    Arbitrary<String> emojiRichText() {
        Arbitrary<Integer> ascii = Arbitraries.integers().between(0x20, 0x7E);
        Arbitrary<Integer> bmp = Arbitraries.of(0xE9, 0x2014, 0x2028, 0x4E2D, 0xFFFD);
        Arbitrary<Integer> supplementary = Arbitraries.integers().between(0x1F300, 0x1FAFF);
        return Arbitraries.frequencyOf(
                        Tuple.of(2, ascii), Tuple.of(1, bmp), Tuple.of(3, supplementary))
                .list().ofMaxSize(40)
                .map(codePoints -> codePoints.stream()
                        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                        .toString());
    }

    /** Cuts at UTF-16 code units, so that pairs are split wherever a cut falls. */
    private static List<String> cut(String text, List<Integer> cuts) {
        List<String> pieces = new ArrayList<>();
        int at = 0;
        for (int size : cuts) {
            int end = Math.min(text.length(), at + size);
            pieces.add(text.substring(at, end));
            at = end;
        }
        pieces.add(text.substring(at));
        return pieces;
    }

    /** A chunk whose content is the piece, every character outside printable ASCII written as an escape, as many providers send it. */
    private static String contentChunk(String piece) {
        StringBuilder escaped = new StringBuilder();
        for (int i = 0; i < piece.length(); i++) {
            char c = piece.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
                escaped.append(String.format("\\u%04X", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return "{\"choices\": [{\"index\": 0, \"delta\": {\"content\": \"" + escaped + "\"}}]}";
    }

    private static JobEvent storedAndReadBack(EventDraft draft) {
        JobEvent event = draft.toEvent("job", 1, Instant.EPOCH);
        return DESERIALIZER.deserialize(Topics.JOB_DELTAS.name(), SERIALIZER.serialize(Topics.JOB_DELTAS.name(), event));
    }
}
