package io.tributary.simulator;

import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Flux;

/**
 * The SSE frames of one streamed completion, paced by Reactor's timers so that thousands of streams
 * hold no thread: two processing comments, the role chunk, the content chunks (each after the configured
 * interval), the finish chunk, the usage chunk and {@code [DONE]}; or the failure the options ask for.
 */
final class CompletionStream {

    static final String MIDSTREAM_ERROR_MESSAGE = "Simulated provider failure";

    private CompletionStream() {
    }

    /**
     * @param chunks the reply's chunk documents
     * @param reply the reply to stream
     * @param disconnect closes the connection abruptly, for {@link FailMode#DISCONNECT}
     * @param written told of each content chunk (its index and the time) as it goes to the connection
     */
    static Flux<String> frames(OpenRouterChunks chunks, SimulatedReply reply, Runnable disconnect,
            ContentChunkWritten written) {
        Flux<String> opening = Flux.just(SseFrames.PROCESSING, SseFrames.PROCESSING, SseFrames.data(chunks.roleChunk()));
        List<String> deltas = reply.deliveredDeltas();
        // Timed after the pause, as the frame goes to the connection: the moment a benchmark measures from.
        Flux<Integer> content = paced(Flux.range(0, deltas.size()), reply.options().interval())
                .doOnNext(index -> written.at(index, System.nanoTime()));
        Flux<String> ending = switch (reply.options().fail()) {
            case NONE, HTTP_500 -> Flux.just(
                    SseFrames.data(chunks.finishChunk()), SseFrames.data(chunks.usageChunk()), SseFrames.DONE);
            case MIDSTREAM_ERROR -> Flux.just(SseFrames.data(chunks.errorChunk(MIDSTREAM_ERROR_MESSAGE)));
            case DISCONNECT -> Flux.defer(() -> {
                disconnect.run();
                return Flux.never();
            });
        };
        return Flux.concat(opening, content.map(index -> SseFrames.data(chunks.contentChunk(deltas.get(index)))), ending);
    }

    /** Told of a content chunk as it is written. */
    @FunctionalInterface
    interface ContentChunkWritten {
        void at(int index, long nanoTime);
    }

    private static <T> Flux<T> paced(Flux<T> frames, Duration interval) {
        return interval.isZero() ? frames : frames.delayElements(interval);
    }
}
