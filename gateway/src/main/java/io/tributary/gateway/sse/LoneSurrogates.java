package io.tributary.gateway.sse;

/**
 * Escapes the unpaired UTF-16 surrogates of a JSON text as <code>&#92;uXXXX</code>, and leaves paired
 * ones (an emoji, 4 bytes in UTF-8) as they are.
 *
 * <p>An upstream may split an emoji across two chunks, so one delta can hold half of a pair. Written
 * raw, that half would not survive the UTF-8 encoding (the encoder replaces it with {@code ?});
 * escaped, {@code JSON.parse} restores the exact code unit, and the browser's concatenation of deltas
 * equals the content, offsets included.
 *
 * <p>Why on the JSON text rather than in Jackson: a {@code CharacterEscapes} is asked about one char at
 * a time and cannot tell whether a surrogate is paired. Working on Jackson's output is exact, because
 * JSON's structure is ASCII: a non-ASCII char can only stand inside a string literal, where the
 * escape of a code unit means that code unit; and every escape Jackson writes is ASCII, so two chars
 * are adjacent in the output exactly when they were adjacent in the value (Jackson writes surrogates
 * raw), which makes pairing in the output the same as pairing in the value.
 */
final class LoneSurrogates {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private LoneSurrogates() {
    }

    static String escape(String json) {
        int first = firstLone(json);
        if (first < 0) {
            return json;
        }
        StringBuilder escaped = new StringBuilder(json.length() + 16).append(json, 0, first);
        int length = json.length();
        for (int i = first; i < length; i++) {
            char c = json.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(json.charAt(i + 1))) {
                escaped.append(c).append(json.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                appendEscape(escaped, c);
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** The index of the first unpaired surrogate, or -1; most texts hold none and are returned as they are. */
    private static int firstLone(String text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (!Character.isSurrogate(c)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else {
                return i;
            }
        }
        return -1;
    }

    private static void appendEscape(StringBuilder out, char c) {
        out.append('\\').append('u')
                .append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
                .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
    }
}
