package io.tributary.simulator;

import java.time.Clock;
import java.util.concurrent.CountDownLatch;

import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * An OpenAI-compatible chat-completions server that streams deterministic replies in OpenRouter's SSE
 * format, for the local stack, tests and benchmarks.
 *
 * <h2>Endpoints</h2>
 * <ul>
 *   <li>{@code POST /v1/chat/completions}: with {@code "stream": true} an SSE stream shaped like
 *       OpenRouter's (two {@code : OPENROUTER PROCESSING} comments, a role chunk with empty content, one
 *       chunk per content delta, a chunk with {@code finish_reason: "stop"}, a usage chunk with empty
 *       {@code choices}, {@code data: [DONE]}); otherwise one JSON completion. Any model name is accepted.</li>
 *   <li>{@code GET /v1/models}: lists {@code simulator/echo}.</li>
 *   <li>{@code GET /health}: {@code {"status":"UP"}}.</li>
 * </ul>
 *
 * <h2>Options</h2>
 * A top-level {@code "simulator"} object in the request body, or else headers, set the length, pace
 * and outcome of the reply (see {@link SimulatorOptions} for the limits):
 * <table>
 *   <caption>Simulator options</caption>
 *   <tr><th>body field</th><th>header</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code chunks}</td><td>{@code X-Simulator-Chunks}</td><td>40</td><td>content deltas</td></tr>
 *   <tr><td>{@code interval_ms}</td><td>{@code X-Simulator-Interval-Ms}</td><td>25</td>
 *       <td>pause before each delta</td></tr>
 *   <tr><td>{@code chunk_chars}</td><td>{@code X-Simulator-Chunk-Chars}</td><td>6</td>
 *       <td>code points per delta</td></tr>
 *   <tr><td>{@code fail}</td><td>{@code X-Simulator-Fail}</td><td>{@code none}</td>
 *       <td>{@code http_500}, {@code midstream_error} or {@code disconnect}; see {@link FailMode}</td></tr>
 *   <tr><td>{@code reply}</td><td>(none)</td><td>generated</td>
 *       <td>a literal reply, streamed verbatim in pieces of {@code chunk_chars} code points (replaces
 *       {@code chunks}): content the generator never makes, such as CR, NUL or U+2028</td></tr>
 * </table>
 * A request for a model {@code transcript/NAME} instead gets the recorded stream {@code NAME.sse} of the
 * transcript folder ({@code SIMULATOR_TRANSCRIPTS}, see {@link Transcripts}) byte for byte, or a 404.
 * For example {@code {"model":"simulator/echo","messages":[{"role":"user","content":"Hi"}],"stream":true,
 * "simulator":{"chunks":200,"interval_ms":100}}} streams for about 20 seconds.
 *
 * <p>The text depends only on the model, the last user message and the length, so
 * {@link SimulatedReply#forRequest(String)} tells a test what the reply to a request is. A generated
 * reply always starts with an accented word, an emoji and a newline. Pacing uses Reactor timers: an open stream holds
 * no thread. Each SSE frame is flushed as its own write.
 */
public final class UpstreamSimulator implements AutoCloseable {

    /** The port of the local stack's simulator. */
    public static final int DEFAULT_PORT = 8090;

    private static final String LOGBACK_CONFIG = "tributary-simulator-logback.xml";

    private final DisposableServer server;
    private final LoopResources loops;

    private UpstreamSimulator(DisposableServer server, LoopResources loops) {
        this.server = server;
        this.loops = loops;
    }

    /** Starts a simulator on all interfaces; port 0 picks a free port. */
    public static UpstreamSimulator start(int port) {
        return start("0.0.0.0", port, Clock.systemUTC());
    }

    /**
     * Starts a simulator.
     *
     * @param host the address to bind
     * @param port the port, 0 for a free one
     * @param clock the clock of the {@code created} timestamps
     */
    public static UpstreamSimulator start(String host, int port, Clock clock) {
        return start(host, port, clock, ChunkListener.NONE);
    }

    /**
     * Starts a simulator that tells {@code listener} when each content chunk is written, for a benchmark
     * that runs it in its own JVM.
     *
     * @param host the address to bind
     * @param port the port, 0 for a free one
     * @param clock the clock of the {@code created} timestamps
     * @param listener told of every content chunk as it is written
     */
    public static UpstreamSimulator start(String host, int port, Clock clock, ChunkListener listener) {
        return start(host, port, clock, listener, Transcripts.none());
    }

    /**
     * Starts a simulator that also replays recorded transcripts ({@link Transcripts}).
     *
     * @param transcripts what a request for a model {@code transcript/NAME} gets
     */
    public static UpstreamSimulator start(String host, int port, Clock clock, ChunkListener listener,
            Transcripts transcripts) {
        ChatCompletionsHandler completions = new ChatCompletionsHandler(clock, listener, transcripts);
        ModelsHandler models = new ModelsHandler(clock);
        // Event loops of its own: in a JVM that also runs many HTTP clients (the bench's viewers), Reactor
        // Netty's shared default loops would make a chunk's write wait behind the viewers' reads, and the
        // upstream's timing would depend on the load of its own observer.
        LoopResources loops = LoopResources.create("simulator", 2, true);
        DisposableServer server = HttpServer.create()
                .runOn(loops)
                .host(host)
                .port(port)
                .route(routes -> routes
                        .post("/v1/chat/completions", completions::handle)
                        .get("/v1/models", models::handle)
                        .get("/health", (request, response) ->
                                JsonResponses.send(response, HttpResponseStatus.OK, "{\"status\":\"UP\"}")))
                .bindNow();
        return new UpstreamSimulator(server, loops);
    }

    /** The bound port. */
    public int port() {
        return server.port();
    }

    /** The base URL an OpenAI client is configured with: {@code http://localhost:PORT/v1}. */
    public String baseUrl() {
        return "http://localhost:" + port() + "/v1";
    }

    /** Stops accepting connections and closes the open ones. */
    @Override
    public void close() {
        server.disposeNow();
        loops.disposeLater().block();
    }

    /**
     * Runs a simulator until the process is stopped. The port is the first argument, else the
     * {@code SIMULATOR_PORT} environment variable, else {@value #DEFAULT_PORT}; the bind address is
     * {@code SIMULATOR_HOST}, else all interfaces.
     */
    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("logback.configurationFile") == null) {
            // Before any logger exists: logback's built-in default would log Netty at DEBUG.
            System.setProperty("logback.configurationFile", LOGBACK_CONFIG);
        }
        int port = Integer.parseInt(args.length > 0 ? args[0] : envOr("SIMULATOR_PORT", Integer.toString(DEFAULT_PORT)));
        String transcripts = System.getenv("SIMULATOR_TRANSCRIPTS");
        UpstreamSimulator simulator = start(envOr("SIMULATOR_HOST", "0.0.0.0"), port, Clock.systemUTC(), ChunkListener.NONE,
                transcripts == null ? Transcripts.none() : Transcripts.from(java.nio.file.Path.of(transcripts)));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "simulator-shutdown"));
        System.out.println("Upstream simulator listening on " + simulator.baseUrl());
        stopped.await();
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
