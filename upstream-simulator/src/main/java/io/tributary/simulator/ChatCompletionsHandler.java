package io.tributary.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/** {@code POST /v1/chat/completions}: a streamed (SSE) or a plain JSON completion, as the request asks. */
final class ChatCompletionsHandler {

    static final String HTTP_500_MESSAGE = "Simulated upstream failure";

    private final Clock clock;
    private final ChunkListener listener;
    private final Transcripts transcripts;
    private final AtomicLong generations = new AtomicLong();

    ChatCompletionsHandler(Clock clock, ChunkListener listener, Transcripts transcripts) {
        this.clock = clock;
        this.listener = listener;
        this.transcripts = transcripts;
    }

    Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        return request.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                .map(body -> ChatRequest.parse(body, name -> request.requestHeaders().get(name)))
                .flatMap(chat -> respond(chat, response))
                .onErrorResume(InvalidRequestException.class,
                        e -> JsonResponses.send(response, HttpResponseStatus.BAD_REQUEST,
                                OpenRouterChunks.errorBody(400, e.getMessage())));
    }

    private Mono<Void> respond(ChatRequest request, HttpServerResponse response) {
        if (Transcripts.asksForOne(request.model())) {
            return replay(request.model(), response);
        }
        SimulatedReply reply = SimulatedReply.of(request);
        long created = clock.instant().getEpochSecond();
        OpenRouterChunks chunks = new OpenRouterChunks(
                "gen-" + created + "-" + generations.incrementAndGet(), created, reply);
        FailMode fail = reply.options().fail();
        if (fail == FailMode.HTTP_500 || (!request.stream() && fail == FailMode.MIDSTREAM_ERROR)) {
            return JsonResponses.send(response, HttpResponseStatus.INTERNAL_SERVER_ERROR,
                    OpenRouterChunks.errorBody(500, HTTP_500_MESSAGE));
        }
        return request.stream() ? stream(chunks, reply, request.lastUserMessage(), response) : complete(chunks, reply, response);
    }

    private Mono<Void> stream(OpenRouterChunks chunks, SimulatedReply reply, String prompt, HttpServerResponse response) {
        Runnable disconnect = () -> response.withConnection(ChatCompletionsHandler::closeAfterWhatWasSent);
        return response.status(HttpResponseStatus.OK)
                .header(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
                .header(HttpHeaderNames.CACHE_CONTROL, "no-cache")
                // Flush after every frame: a viewer must see each chunk when it is sent, not when a buffer fills.
                .send(CompletionStream.frames(chunks, reply, disconnect,
                                (index, nanoTime) -> listener.chunkWritten(prompt, index, nanoTime))
                        // Reactor Netty cancels what it sends when the connection closes under it.
                        .doOnCancel(() -> listener.streamClosed(prompt, System.nanoTime()))
                        .map(frame -> Unpooled.wrappedBuffer(frame.getBytes(StandardCharsets.UTF_8))),
                        buffer -> true)
                .then();
    }

    /** A recorded transcript, as it was recorded, in one write; a 404 for a name the folder does not hold. */
    private Mono<Void> replay(String model, HttpServerResponse response) {
        byte[] transcript = transcripts.find(model);
        if (transcript == null) {
            return JsonResponses.send(response, HttpResponseStatus.NOT_FOUND,
                    OpenRouterChunks.errorBody(404, "No transcript for the model " + model));
        }
        return response.status(HttpResponseStatus.OK)
                .header(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
                .header(HttpHeaderNames.CACHE_CONTROL, "no-cache")
                .send(Mono.just(Unpooled.wrappedBuffer(transcript)))
                .then();
    }

    /** A non-streamed reply takes as long as the streamed one would, then answers at once. */
    private static Mono<Void> complete(OpenRouterChunks chunks, SimulatedReply reply, HttpServerResponse response) {
        Duration duration = reply.options().interval().multipliedBy(reply.options().chunks());
        if (reply.options().fail() == FailMode.DISCONNECT) {
            return Mono.delay(duration.dividedBy(2))
                    .then(Mono.fromRunnable(() -> response.withConnection(connection -> connection.channel().close())))
                    .then(Mono.never());
        }
        return Mono.delay(duration)
                .then(JsonResponses.send(response, HttpResponseStatus.OK, chunks.completion()));
    }

    /**
     * Drops the connection once the frames sent before are on the wire: the close goes behind the tasks
     * already queued on the channel's event loop (among them the write of those frames) and happens when
     * an empty write after them has been flushed. A plain {@code close()} could overtake writes still
     * queued, and the client would see the connection drop before the chunks it should have received.
     */
    private static void closeAfterWhatWasSent(Connection connection) {
        Channel channel = connection.channel();
        channel.eventLoop().execute(() -> channel.writeAndFlush(Unpooled.EMPTY_BUFFER)
                .addListener(ChannelFutureListener.CLOSE));
    }
}
