package io.tributary.gateway.streams;

import java.nio.ByteBuffer;

import io.tributary.schema.StreamOperation;
import org.jspecify.annotations.Nullable;

/**
 * A fork as the gateway that takes the request resolves it against its source: the source's
 * incarnation, the position it starts after (the requested offset, or the source's tail now), and the
 * part of the next record it takes. Written into the {@code CREATE} as resolved, so that every replica
 * makes the same fork whenever it reads the source's partition.
 *
 * @param source the source's incarnation
 * @param point the source position the fork starts after
 * @param prefix the fork's first record, cut from the source's next one, if a sub-offset asked for it
 */
record Fork(String source, long point, @Nullable StreamRecord prefix) {

    /**
     * @throws ProtocolException 400 for an offset past the source's tail, or a sub-offset past the record after it
     */
    static Fork of(DurableStream source, @Nullable Long requestedOffset, long subOffset) {
        long tail = source.tail();
        long point = requestedOffset == null ? tail : requestedOffset;
        if (point > tail) {
            throw new ProtocolException(400, "The fork offset is beyond the source's tail");
        }
        StreamRecord prefix = null;
        if (subOffset > 0) {
            StreamRecord next = source.recordAt(point + 1);
            if (next == null) {
                throw new ProtocolException(400, "There is no record after the fork offset to take part of");
            }
            try {
                prefix = next.prefix(subOffset);
            } catch (IllegalArgumentException e) {
                throw new ProtocolException(400, "The fork sub-offset is beyond the record: " + e.getMessage());
            }
        }
        return new Fork(source.id(), point, prefix);
    }

    void describe(StreamOperation.Builder operation) {
        operation.setForkedFromIncarnation(source).setForkPoint(point);
        if (prefix != null) {
            operation.setForkPrefix(ByteBuffer.wrap(prefix.data())).setForkPrefixMessages(prefix.messages());
        }
    }
}
