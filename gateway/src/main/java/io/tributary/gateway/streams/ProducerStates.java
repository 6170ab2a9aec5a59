package io.tributary.gateway.streams;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The idempotent producers of one stream: each one's epoch and the highest sequence number accepted
 * in it. A request is accepted, recognised as a retry, or refused, as the protocol's table says; the
 * state moves only when the append it came with is applied.
 */
final class ProducerStates {

    private final Map<String, long[]> epochAndSeq = new HashMap<>();

    /**
     * Null if the request may be appended; otherwise the answer: a duplicate (204) or a refusal.
     */
    @Nullable Verdict check(ProducerTuple request, long tail) {
        long[] known = epochAndSeq.get(request.id());
        if (known == null) {
            return request.seq() == 0 ? null
                    : Verdict.refused(409, "A new producer starts at sequence 0")
                            .with(StreamHeaders.PRODUCER_EXPECTED_SEQ, "0")
                            .with(StreamHeaders.PRODUCER_RECEIVED_SEQ, Long.toString(request.seq()));
        }
        long epoch = known[0];
        long lastSeq = known[1];
        if (request.epoch() < epoch) {
            return Verdict.refused(403, "A newer epoch of this producer has written")
                    .with(StreamHeaders.PRODUCER_EPOCH, Long.toString(epoch));
        }
        if (request.epoch() > epoch) {
            return request.seq() == 0 ? null : Verdict.refused(400, "A new epoch starts at sequence 0");
        }
        if (request.seq() <= lastSeq) {
            return Verdict.of(204).withTail(tail)
                    .with(StreamHeaders.PRODUCER_EPOCH, Long.toString(epoch))
                    .with(StreamHeaders.PRODUCER_SEQ, Long.toString(lastSeq));
        }
        if (request.seq() > lastSeq + 1) {
            return Verdict.refused(409, "A sequence number was skipped")
                    .with(StreamHeaders.PRODUCER_EXPECTED_SEQ, Long.toString(lastSeq + 1))
                    .with(StreamHeaders.PRODUCER_RECEIVED_SEQ, Long.toString(request.seq()));
        }
        return null;
    }

    /** Records an accepted request. */
    void accept(ProducerTuple request) {
        epochAndSeq.put(request.id(), new long[] {request.epoch(), request.seq()});
    }
}
