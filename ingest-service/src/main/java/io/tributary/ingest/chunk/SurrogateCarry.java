package io.tributary.ingest.chunk;

/**
 * Keeps one text stream of a job (its content, or its reasoning) well-formed UTF-16 however the
 * upstream cuts it into chunks.
 *
 * <p>A chunk may end with the first half of a surrogate pair (JSON {@code "\uD83D"}) whose second
 * half opens the next chunk. Alone, neither half can be encoded in an Avro string (UTF-8), and
 * each would reach {@code jobs.deltas} as {@code ?}. So a trailing high surrogate is held back and
 * put in front of the stream's next text; a surrogate that is still alone after that is replaced
 * by U+FFFD, and so is a held one that no more text of its stream follows ({@link #release}).
 *
 * <p>Not thread-safe: one per text stream of a job, used by the job's interpreter.
 */
final class SurrogateCarry {

    /** What stands for a half character that has no other half. */
    static final char REPLACEMENT = '\uFFFD';

    private char held;
    private boolean holding;

    /** The text to write for the stream's next piece: well-formed, possibly empty, with a trailing half held back. */
    String next(String text) {
        if (!holding && !hasSurrogate(text)) {
            return text;
        }
        StringBuilder carried = new StringBuilder(text.length() + 1);
        if (holding) {
            carried.append(held);
            holding = false;
        }
        carried.append(text);
        int last = carried.length() - 1;
        if (last >= 0 && Character.isHighSurrogate(carried.charAt(last))) {
            held = carried.charAt(last);
            holding = true;
            carried.setLength(last);
        }
        return wellFormed(carried);
    }

    /** U+FFFD for a held half that will never get its other half (the stream ends, or something else comes first); else empty. */
    String release() {
        if (!holding) {
            return "";
        }
        holding = false;
        return String.valueOf(REPLACEMENT);
    }

    /** The text with every surrogate that is not part of a pair replaced by U+FFFD. */
    static String wellFormed(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? REPLACEMENT : c);
            }
        }
        return out.toString();
    }

    private static boolean hasSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
