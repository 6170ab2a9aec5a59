package io.tributary.gateway.streams;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What applying an operation decided: the HTTP status the writer answers with, the protocol headers
 * that go with it, and for a refusal the reason (the body of the error). Also what the writer must
 * remove from {@code streams.log} (compacted): the keys that no state rests on any more, in the order
 * they must go (the operation that removed a stream after that stream's own).
 *
 * @param changed whether the operation changed a stream; one that did not can go from the log at once
 */
record Verdict(int status, Map<String, String> headers, @Nullable String error, List<String> tombstones,
        boolean changed) {

    static Verdict of(int status) {
        return new Verdict(status, new LinkedHashMap<>(), null, new ArrayList<>(), false);
    }

    static Verdict refused(int status, String error) {
        return new Verdict(status, new LinkedHashMap<>(), error, new ArrayList<>(), false);
    }

    /** The same answer, recorded as having changed a stream. */
    Verdict changing() {
        return new Verdict(status, headers, error, tombstones, true);
    }

    Verdict with(String header, String value) {
        headers.put(header, value);
        return this;
    }

    Verdict withTail(long position) {
        return with(StreamHeaders.NEXT_OFFSET, StreamOffsets.format(position));
    }

    Verdict withClosed() {
        return with(StreamHeaders.CLOSED, "true");
    }

    boolean succeeded() {
        return status < 300;
    }
}
