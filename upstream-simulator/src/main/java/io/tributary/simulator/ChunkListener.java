package io.tributary.simulator;

/**
 * Told when the simulator hands a content chunk to the connection, so that a benchmark in the same JVM
 * knows to the nanosecond when each delta left the upstream, and when a client went away before the
 * reply ended (an abort cancels the upstream request). Called on a Netty event loop: an implementation
 * must be quick and must not block.
 */
@FunctionalInterface
public interface ChunkListener {

    /** A listener that ignores every chunk: the simulator's default. */
    ChunkListener NONE = (prompt, index, nanoTime) -> { };

    /**
     * @param prompt the last user message of the request, which names the job for a benchmark that
     *     gives each job a prompt of its own
     * @param index the chunk's position among the reply's content deltas, from 0
     * @param nanoTime {@link System#nanoTime()} just before the chunk's frame is written and flushed
     */
    void chunkWritten(String prompt, int index, long nanoTime);

    /**
     * The stream of a reply was cancelled before it ended: the client closed the connection (or reset
     * it), or the simulator closed it itself for {@link FailMode#DISCONNECT}. Not called for a reply
     * that was sent to its end. Ignored by default, so that a listener of chunks alone stays a lambda.
     *
     * @param prompt the last user message of the request, as for {@link #chunkWritten}
     * @param nanoTime {@link System#nanoTime()} when the simulator learnt of it
     */
    default void streamClosed(String prompt, long nanoTime) {
    }
}
