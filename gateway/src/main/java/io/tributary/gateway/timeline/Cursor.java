package io.tributary.gateway.timeline;

/** Where a viewer wants a job's stream to start. */
public sealed interface Cursor {

    /** No cursor: a snapshot of the job so far, then what follows. */
    record Fresh() implements Cursor {
    }

    /** An SSE event id: exactly the events after it, no snapshot. */
    record AfterEvent(long seq) implements Cursor {
    }

    /** The original's character offset: a snapshot holding the content from there, then what follows. */
    record FromOffset(long offset) implements Cursor {
    }
}
