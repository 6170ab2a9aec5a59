package io.tributary.simulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The deterministic text of a simulated reply. The same model and user message always give the same
 * text, so a test can compare what the pipeline stored with what the simulator sent, byte for byte.
 *
 * <p>The text opens with an accented word, an emoji (a surrogate pair in UTF-16) and a newline, so that
 * even a short reply (eight code points or more) proves the pipeline keeps non-ASCII text and line breaks; sentences of words from a
 * fixed list, chosen by a generator seeded from the request, follow, with more newlines between them.
 */
final class ReplyText {

    private static final List<String> WORDS = List.of(
            "stream", "kafka", "river", "delta", "tributary", "café", "naïve", "über", "jalapeño", "Zürich",
            "señor", "résumé", "🙂", "🚀", "log", "offset", "replay", "durable", "token", "event", "partition",
            "viewer", "resume", "exactly", "once", "order", "flow", "current", "bank", "source", "mouth",
            "basin", "crème", "brûlée", "façade", "smörgåsbord", "Ångström", "—", "«quoted»", "piñata");

    /** Eight code points (nine UTF-16 units) that every reply of at least that length starts with. */
    static final String OPENING = "Héllo 👋\n";

    private ReplyText() {
    }

    /** A text of exactly {@code codePoints} code points for this model and message. */
    static String generate(String model, String userMessage, int codePoints) {
        SplittableRandom random = new SplittableRandom(seed(model, userMessage));
        StringBuilder text = new StringBuilder(OPENING);
        int sentence = 0;
        while (text.codePointCount(0, text.length()) < codePoints) {
            appendSentence(text, random);
            text.append(++sentence % 3 == 0 ? "\n" : " ");
        }
        return text.substring(0, text.offsetByCodePoints(0, codePoints));
    }

    /** The text cut into pieces of {@code chunkChars} code points; a surrogate pair is never split. */
    static List<String> split(String text, int chunkChars) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int remaining = text.codePointCount(start, text.length());
            int end = text.offsetByCodePoints(start, Math.min(chunkChars, remaining));
            pieces.add(text.substring(start, end));
            start = end;
        }
        return pieces;
    }

    private static void appendSentence(StringBuilder text, SplittableRandom random) {
        int words = 5 + random.nextInt(5);
        for (int i = 0; i < words; i++) {
            String word = WORDS.get(random.nextInt(WORDS.size()));
            if (i == 0) {
                int first = word.codePointAt(0);
                word = new String(Character.toChars(first)).toUpperCase(Locale.ROOT)
                        + word.substring(Character.charCount(first));
            } else {
                text.append(' ');
            }
            text.append(word);
        }
        text.append('.');
    }

    /** FNV-1a over the UTF-8 bytes: stable across JVMs and releases, unlike an unspecified hash. */
    private static long seed(String model, String userMessage) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : (model + '\u0000' + userMessage).getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
