package io.tributary.simulator;

import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

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

    /**
     * Paced on a fixed schedule: content delta i is due (i + 1) intervals after the content began, so that a
     * timer that fires late (on a busy machine) does not slow the whole stream down, as a pause before each
     * delta would: the next one is due sooner. A connection that does not take the deltas still holds them
     * back (the next is only asked for once the last was taken); those overdue then go out at once, as an
     * upstream that kept generating would send them.
     */
    static <T> Flux<T> paced(Flux<T> frames, Duration interval) {
        if (interval.isZero()) {
            return frames;
        }
        long intervalNanos = interval.toNanos();
        return Flux.defer(() -> {
            long start = System.nanoTime();
            return frames.index().concatMap(indexed -> {
                long wait = start + (indexed.getT1() + 1) * intervalNanos - System.nanoTime();
                return wait <= 0 ? Mono.just(indexed.getT2())
                        : Mono.delay(Duration.ofNanos(wait)).thenReturn(indexed.getT2());
            });
        });
    }
}
