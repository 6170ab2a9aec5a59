package io.tributary.ingest.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP upstream for tests (the JDK's server): {@code POST /v1/chat/completions} answers with
 * the script registered for the request's {@code model}, so that tests sharing one server never see
 * each other's answers. It serves exact bytes, in writes of chosen sizes with a flush after each, and
 * misbehaves on request.
 */
public final class ScriptedUpstream implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private volatile HttpServer server;
    private final InetSocketAddress address;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "scripted-upstream");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Script> scripts = new ConcurrentHashMap<>();
    private final Map<String, List<RecordedRequest>> requests = new ConcurrentHashMap<>();

    private ScriptedUpstream() throws IOException {
        server = listen(new InetSocketAddress("127.0.0.1", 0));
        address = server.getAddress();
    }

    private HttpServer listen(InetSocketAddress at) throws IOException {
        HttpServer listening = HttpServer.create(at, 0);
        listening.createContext("/v1/chat/completions", this::handle);
        listening.setExecutor(executor);
        listening.start();
        return listening;
    }

    /** Closes the listening socket (and open exchanges): connections to the port are refused from now on. */
    public void stopListening() {
        server.stop(0);
    }

    /** Listens again on the same port. */
    public void resumeListening() {
        try {
            server = listen(address);
        } catch (IOException e) {
            throw new IllegalStateException("Could not listen on " + address + " again", e);
        }
    }

    public static ScriptedUpstream start() {
        try {
            return new ScriptedUpstream();
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the scripted upstream", e);
        }
    }

    /** The API root to configure as {@code tributary.upstream.base-url}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + address.getPort() + "/v1";
    }

    /** Answers requests for this model with the script. */
    public void on(String model, Script script) {
        scripts.put(model, script);
    }

    /** The requests received for a model, in arrival order. */
    public List<RecordedRequest> requests(String model) {
        return requests.getOrDefault(model, List.of());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            JsonNode json = JSON.readTree(body);
            String model = json.path("model").asString("");
            requests.computeIfAbsent(model, key -> new CopyOnWriteArrayList<>()).add(new RecordedRequest(
                    exchange.getRequestHeaders().getFirst("Authorization"), json, System.nanoTime()));
            Script script = scripts.get(model);
            if (script == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            script.serve(exchange);
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /**
     * What arrived upstream.
     *
     * @param receivedNanos {@link System#nanoTime()} when it arrived
     */
    public record RecordedRequest(@Nullable String authorization, JsonNode body, long receivedNanos) {
    }

    /** One way of answering. */
    @FunctionalInterface
    public interface Script {

        void serve(HttpExchange exchange) throws IOException;
    }

    /** A 200 event stream of exactly these bytes, in one write. */
    public static Script stream(byte[] body) {
        return stream(body, body.length == 0 ? 1 : body.length);
    }

    /**
     * A 200 event stream of exactly these bytes, written in pieces of the given sizes (taken in turn),
     * each flushed and followed by a short pause so that it leaves as its own piece.
     */
    public static Script stream(byte[] body, int... writeSizes) {
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            int at = 0;
            for (int i = 0; at < body.length; i++) {
                int size = Math.min(body.length - at, writeSizes[i % writeSizes.length]);
                out.write(body, at, size);
                out.flush();
                at += size;
                if (writeSizes.length > 1 || size < body.length) {
                    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
                }
            }
        };
    }

    /** A refusal with this status, content type and body. */
    public static Script status(int status, String contentType, String body) {
        return exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        };
    }

    /** A 200 event stream that sends {@code first}, waits until {@code release} opens, then sends {@code rest}. */
    public static Script streamInTwoParts(byte[] first, CountDownLatch release, byte[] rest) {
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write(first);
            out.flush();
            try {
                if (!release.await(10, TimeUnit.SECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            out.write(rest);
            out.flush();
        };
    }

    /** A refusal with this status and a {@code Retry-After} header. */
    public static Script refusal(int status, String retryAfter) {
        return exchange -> {
            byte[] bytes = ("{\"error\": {\"code\": " + status + ", \"message\": \"Try later\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("Retry-After", retryAfter);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        };
    }

    /** The first request is served by the first script, the second by the second, ...; the last serves the rest. */
    public static Script inTurn(Script... scripts) {
        AtomicInteger served = new AtomicInteger();
        return exchange -> scripts[Math.min(served.getAndIncrement(), scripts.length - 1)].serve(exchange);
    }

    /**
     * A 200 event stream that never ends by itself: {@code first}, then {@code each} every
     * {@code everyMillis} until the client goes away (then {@code clientGone} counts down) or 20 s have passed.
     */
    public static Script endless(byte[] first, byte[] each, long everyMillis, CountDownLatch clientGone) {
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            try {
                out.write(first);
                out.flush();
                while (System.nanoTime() < deadline) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(everyMillis));
                    out.write(each);
                    out.flush();
                }
            } catch (IOException e) {
                clientGone.countDown();
            }
        };
    }

    /**
     * A 200 event stream that sends {@code first}, then nothing at all until {@code speak} opens;
     * then it writes comments until it finds the client gone (then {@code clientGone} counts down).
     */
    public static Script silentAfter(byte[] first, CountDownLatch speak, CountDownLatch clientGone) {
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            try {
                out.write(first);
                out.flush();
                if (!speak.await(20, TimeUnit.SECONDS)) {
                    return;
                }
                for (int i = 0; i < 250; i++) {
                    out.write(": still here?\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                }
            } catch (IOException e) {
                clientGone.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    /** Closes the connection without any answer. */
    public static Script hangUp() {
        return HttpExchange::close;
    }

    /**
     * A 200 event stream that sends {@code first}, then a keep-alive comment every 20 ms until the
     * client goes away (then {@code clientGone} counts down) or 10 s have passed.
     */
    public static Script streamUntilClientLeaves(byte[] first, CountDownLatch clientGone) {
        return exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            try {
                out.write(first);
                out.flush();
                while (System.nanoTime() < deadline) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                    out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (IOException e) {
                clientGone.countDown();
            }
        };
    }
}
