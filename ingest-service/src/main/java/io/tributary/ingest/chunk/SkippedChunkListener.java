package io.tributary.ingest.chunk;

/** Told of every skipped payload, so that skips are counted rather than lost. */
@FunctionalInterface
public interface SkippedChunkListener {

    void skipped(SkippedChunk cause);
}
