package io.tributary.gateway.streams;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What applying an operation decided: the HTTP status the writer answers with, the protocol headers
 * that go with it, and for a refusal the reason (the body of the error).
 */
record Verdict(int status, Map<String, String> headers, @Nullable String error) {

    static Verdict of(int status) {
        return new Verdict(status, new LinkedHashMap<>(), null);
    }

    static Verdict refused(int status, String error) {
        return new Verdict(status, new LinkedHashMap<>(), error);
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
