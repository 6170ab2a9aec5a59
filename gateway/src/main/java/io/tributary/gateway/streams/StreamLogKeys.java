package io.tributary.gateway.streams;

import io.tributary.schema.StreamOperation;

/**
 * The keys of {@code streams.log}: {@code <path> <operationId>}, one per operation, so that compaction
 * keeps every operation until its own tombstone (a stream's path alone as the key would keep only its
 * latest). A path as the gateway sees it is percent-encoded and holds no space. The partition is chosen
 * by the path alone ({@link StreamPathPartitioner}), so one stream's operations stay in order.
 */
public final class StreamLogKeys {

    private StreamLogKeys() {
    }

    static String of(StreamOperation operation) {
        return operation.getPath() + " " + operation.getOperationId();
    }

    /** The stream's path in a key. */
    public static String path(String key) {
        int space = key.lastIndexOf(' ');
        return space < 0 ? key : key.substring(0, space);
    }
}
