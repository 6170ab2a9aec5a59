package io.tributary.gateway.sse;

import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;
import org.jspecify.annotations.Nullable;

/**
 * JSON escapes for text that travels inside one SSE {@code data:} line and is then encoded as UTF-8.
 *
 * <p>Standard JSON escaping already turns CR, LF and every other control character (NUL included)
 * into {@code \r}, {@code \n}, <code>&#92;u0000</code>, so no content can end the line. On top of that:
 * <ul>
 * <li>U+2028 and U+2029 are escaped: SSE does not treat them as line ends, but some non-compliant
 *     client parsers and JavaScript tooling do, and the escape costs nothing.</li>
 * <li>Every UTF-16 surrogate is escaped (<code>&#92;ud83d</code>). An upstream may split an emoji across two
 *     chunks, so one delta can hold a lone surrogate; written raw, it would not survive the UTF-8
 *     encoding (it becomes {@code ?}). Escaped, {@code JSON.parse} restores the exact code unit, and
 *     the browser's concatenation of deltas equals the content, offsets included. A surrogate cannot
 *     tell whether it is paired, so pairs are escaped too (12 bytes instead of 4 per emoji).</li>
 * </ul>
 */
final class SseSafeEscapes extends CharacterEscapes {

    private static final int[] ASCII = standardAsciiEscapesForJSON();

    @Override
    public int[] getEscapeCodesForAscii() {
        return ASCII;
    }

    @Override
    public @Nullable SerializableString getEscapeSequence(int ch) {
        boolean lineSeparator = ch == 0x2028 || ch == 0x2029;
        boolean surrogate = ch >= Character.MIN_SURROGATE && ch <= Character.MAX_SURROGATE;
        if (!lineSeparator && !surrogate) {
            return null;
        }
        return new SerializedString(String.format("\\u%04x", ch));
    }
}
