package io.tributary.simulator;

import java.time.Duration;

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
     */
    static Flux<String> frames(OpenRouterChunks chunks, SimulatedReply reply, Runnable disconnect) {
        Flux<String> opening = Flux.just(SseFrames.PROCESSING, SseFrames.PROCESSING, SseFrames.data(chunks.roleChunk()));
        Flux<String> content = paced(Flux.fromIterable(reply.deliveredDeltas())
                .map(delta -> SseFrames.data(chunks.contentChunk(delta))), reply.options().interval());
        Flux<String> ending = switch (reply.options().fail()) {
            case NONE, HTTP_500 -> Flux.just(
                    SseFrames.data(chunks.finishChunk()), SseFrames.data(chunks.usageChunk()), SseFrames.DONE);
            case MIDSTREAM_ERROR -> Flux.just(SseFrames.data(chunks.errorChunk(MIDSTREAM_ERROR_MESSAGE)));
            case DISCONNECT -> Flux.defer(() -> {
                disconnect.run();
                return Flux.never();
            });
        };
        return Flux.concat(opening, content, ending);
    }

    private static Flux<String> paced(Flux<String> frames, Duration interval) {
        return interval.isZero() ? frames : frames.delayElements(interval);
    }
}
