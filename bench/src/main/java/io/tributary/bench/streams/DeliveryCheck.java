package io.tributary.bench.streams;

import java.util.BitSet;

/**
 * Which of its stream's appends one reader has received: each once, in the order they were written. The
 * writer sends a stream's appends one after the other, so the stream's order is their sequence. An append
 * received again is a duplicate, one received after a later one is out of order; one never received is a
 * gap, counted once the writer has said which appends it wrote ({@link #gaps}). Fed by one event loop at a
 * time; {@link #distinct()} may be read from any thread.
 */
final class DeliveryCheck {

    private final BitSet received = new BitSet();
    private long highest = -1;
    private volatile long distinct;
    private long duplicates;
    private long outOfOrder;

    /** Notes an append's arrival; true if it is its first. */
    boolean received(long seq) {
        if (seq > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("sequence " + seq + " is beyond a BitSet");
        }
        int index = (int) seq;
        if (received.get(index)) {
            duplicates++;
            return false;
        }
        received.set(index);
        distinct++;
        if (seq < highest) {
            outOfOrder++;
        }
        highest = Math.max(highest, seq);
        return true;
    }

    /** Appends received at least once. */
    long distinct() {
        return distinct;
    }

    long duplicates() {
        return duplicates;
    }

    long outOfOrder() {
        return outOfOrder;
    }

    /** The appends the server acknowledged that this reader never received. */
    long gaps(BitSet acknowledged) {
        BitSet missing = (BitSet) acknowledged.clone();
        missing.andNot(received);
        return missing.cardinality();
    }
}
