package io.tributary.gateway.streams;

import java.util.Arrays;

/**
 * One append, as a stream holds it.
 *
 * @param data the bytes appended; in JSON mode the messages, each compact, joined by commas
 * @param messages in JSON mode, how many messages {@code data} holds; 0 otherwise
 * @param logOffset the Kafka offset of the operation on {@code streams.log} that appended it (-1 for a
 *     fork's first record, cut from its source's)
 */
record StreamRecord(byte[] data, int messages, long logOffset) {

    /**
     * The first {@code count} bytes (messages in JSON mode) of this record, as a fork taking part of it
     * begins.
     *
     * @throws IllegalArgumentException if the record holds fewer
     */
    StreamRecord prefix(long count) {
        if (messages > 0) {
            if (count > messages) {
                throw new IllegalArgumentException("The record holds " + messages + " messages, not " + count);
            }
            return new StreamRecord(JsonMessages.firstOf(data, (int) count), (int) count, -1);
        }
        if (count > data.length) {
            throw new IllegalArgumentException("The record holds " + data.length + " bytes, not " + count);
        }
        return new StreamRecord(Arrays.copyOf(data, (int) count), 0, -1);
    }

    /** What a read's size limit counts. */
    int size() {
        return data.length;
    }
}
