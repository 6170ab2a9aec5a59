package io.tributary.bench.streams;

import org.jspecify.annotations.Nullable;

/**
 * The body of one append: {@code "<seq> <sent nanos>\n"}, the stream's sequence number of the append and
 * {@link System#nanoTime()} when it was sent (readers and writers share one JVM, so one clock). A
 * {@code text/plain} stream is one text: the newline is what tells its appends apart again, whether a
 * server sends each append as a data event of its own (the reference server) or several in one
 * (Tributary).
 *
 * @param seq 0 for a stream's first append, then one more each
 * @param sentNanos when the append was sent
 */
record AppendLine(long seq, long sentNanos) {

    static String format(long seq, long sentNanos) {
        return seq + " " + sentNanos + "\n";
    }

    /** The append a line (without its newline) holds, or null when it holds none. */
    static @Nullable AppendLine parse(CharSequence text, int from, int to) {
        int space = -1;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == ' ') {
                space = i;
                break;
            }
        }
        if (space < 0) {
            return null;
        }
        long seq = digits(text, from, space);
        // System.nanoTime() may be negative: its origin is arbitrary.
        boolean negative = space + 1 < to && text.charAt(space + 1) == '-';
        long sent = digits(text, negative ? space + 2 : space + 1, to);
        return seq < 0 || sent < 0 ? null : new AppendLine(seq, negative ? -sent : sent);
    }

    /** The number the digits between from and to spell, or -1 if they are not only digits. */
    private static long digits(CharSequence text, int from, int to) {
        if (from >= to || to - from > 18) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
