package io.tributary.gateway.sse;

import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;
import org.jspecify.annotations.Nullable;

/**
 * JSON escapes for text that travels inside one SSE {@code data:} line.
 *
 * <p>Standard JSON escaping already turns CR, LF and every other control character (NUL included)
 * into {@code \r}, {@code \n}, <code>&#92;u0000</code>, so no content can end the line. On top of that,
 * U+2028 and U+2029 are escaped: SSE does not treat them as line ends, but some non-compliant client
 * parsers and JavaScript tooling do, and the escape costs nothing.
 *
 * <p>Surrogates are written raw here, because an escape sees one char at a time and cannot tell a
 * paired surrogate from a lone one; {@link LoneSurrogates} escapes the lone ones afterwards.
 */
final class SseSafeEscapes extends CharacterEscapes {

    private static final int[] ASCII = standardAsciiEscapesForJSON();
    private static final SerializableString LINE_SEPARATOR = new SerializedString("\\u2028");
    private static final SerializableString PARAGRAPH_SEPARATOR = new SerializedString("\\u2029");

    @Override
    public int[] getEscapeCodesForAscii() {
        return ASCII;
    }

    @Override
    public @Nullable SerializableString getEscapeSequence(int ch) {
        return switch (ch) {
            case 0x2028 -> LINE_SEPARATOR;
            case 0x2029 -> PARAGRAPH_SEPARATOR;
            default -> null;
        };
    }
}
