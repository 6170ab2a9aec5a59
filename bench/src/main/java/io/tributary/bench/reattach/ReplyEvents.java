package io.tributary.bench.reattach;

import java.util.List;

/**
 * Which SSE message each event id of a simulated job is, from the SSE contract and the ingest's mapping
 * of upstream chunks to events: id 0 is {@code started}; ids 1 to N are the N content chunks, one
 * {@code delta} each (the simulator never splits a surrogate pair, so each chunk is one text event);
 * id N + 1 is the usage chunk, a {@code delta} with {@code usage} and no content; id N + 2 is the
 * terminal {@code status} ({@code complete}). The role and finish chunks carry nothing that makes an
 * event.
 *
 * @param deltas the content of the simulator's chunks, in order
 */
record ReplyEvents(List<String> deltas) {

    ReplyEvents {
        deltas = List.copyOf(deltas);
    }

    /** The id of the usage event. */
    long usageId() {
        return deltas.size() + 1L;
    }

    /** The id of the terminal event: the last one of the job. */
    long terminalId() {
        return deltas.size() + 2L;
    }

    /** Whether the id is one of a content chunk. */
    boolean isContent(long id) {
        return id >= 1 && id <= deltas.size();
    }

    /** The content of the delta with this id; {@link #isContent} must hold. */
    String contentOf(long id) {
        return deltas.get((int) id - 1);
    }

    /** The whole reply. */
    String content() {
        return String.join("", deltas);
    }

    /** What a viewer that resumed after {@code id} assembles from the deltas it gets. */
    String contentAfter(long id) {
        int from = (int) Math.max(0, Math.min(id, deltas.size()));
        return String.join("", deltas.subList(from, deltas.size()));
    }
}
