package io.tributary.bench.sse;

import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * The ids of one viewer's stream, which must follow each other without a gap or a repeat: every
 * workload's first correctness check. Problems go to the viewer's list of failures.
 */
public final class EventIds {

    /** Stands for an id that is missing or not a number. */
    public static final long NOT_A_NUMBER = -1;

    private final Consumer<String> failures;
    private long last;

    /**
     * @param after the id the stream continues after: the {@code Last-Event-ID} sent, or -1 for none
     * @param failures told of each gap, duplicate or unreadable id
     */
    public EventIds(long after, Consumer<String> failures) {
        this.last = after;
        this.failures = failures;
    }

    /** Checks the id of the next message as sent; returns it, or {@link #NOT_A_NUMBER}. */
    public long next(@Nullable String id) {
        long actual;
        try {
            actual = id == null ? NOT_A_NUMBER : Long.parseLong(id);
        } catch (NumberFormatException e) {
            failures.accept("id " + id + " is not a number");
            return NOT_A_NUMBER;
        }
        next(actual);
        return actual;
    }

    /** Checks the id of the next message. */
    public void next(long id) {
        if (id != last + 1) {
            failures.accept((id <= last ? "duplicate" : "gap") + ": id " + id + " after " + last);
        }
        last = Math.max(last, id);
    }

    /** Continues after {@code id} without checking it: a snapshot's id, which may be any. */
    public void restartAfter(long id) {
        last = id;
    }

    /** The highest id seen so far. */
    public long last() {
        return last;
    }
}
