package io.tributary.gateway.streams;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stream's offsets as clients see them: {@code 0000000000000000_NNNNNNNNNNNNNNNN}, where N is the
 * stream's position, the number of records (appends) up to and including the one the offset ends. Fixed
 * width, so that comparing two offsets as strings orders them, as the protocol requires; the first field
 * stays zero (the conformance suite names {@code 0000000000000000_0000000000000000} as every stream's
 * start). A fork shares its source's positions below its fork point, so positions are per stream, not
 * Kafka's: each record keeps the Kafka offset it was written at ({@link StreamRecord#logOffset}).
 */
final class StreamOffsets {

    /** Before the first record: where an empty stream's tail is. */
    static final String START = format(0);
    /** A position past any stream's tail: what an offset beyond the digits a long holds reads as. */
    static final long BEYOND = Long.MAX_VALUE;

    private static final Pattern OFFSET = Pattern.compile("(\\d+)_(\\d+)");
    private static final int MAX_DIGITS = 18;

    private StreamOffsets() {
    }

    static String format(long position) {
        return String.format("%016d_%016d", 0, position);
    }

    /**
     * The position an offset names; {@link #BEYOND} for a well-formed offset past every tail (a non-zero
     * first field, or more digits than a long holds).
     *
     * @throws IllegalArgumentException if it is not of the form {@code digits_digits}
     */
    static long parse(String offset) {
        Matcher matcher = OFFSET.matcher(offset);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Not a stream offset: " + offset);
        }
        String epoch = matcher.group(1);
        String position = matcher.group(2);
        if (epoch.length() > MAX_DIGITS || position.length() > MAX_DIGITS || Long.parseLong(epoch) != 0) {
            return BEYOND;
        }
        return Long.parseLong(position);
    }
}
