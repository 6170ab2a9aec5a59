package io.tributary.gateway.timeline;

import reactor.core.publisher.Flux;

/** What a viewer gets when it attaches to a job. */
public sealed interface Attachment {

    /** The job has ended and the viewer already holds its terminal event: nothing to send (HTTP 204). */
    record UpToDate() implements Attachment {
    }

    /**
     * The SSE messages for the viewer, each one complete; the flux completes after the terminal
     * status, or early when the viewer has fallen too far behind (it then resumes with its last id).
     */
    record Stream(Flux<byte[]> messages) implements Attachment {
    }
}
