package io.tributary.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The simulator over real HTTP, read with the JDK's client as an upstream client would. */
class UpstreamSimulatorTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static UpstreamSimulator simulator;

    @BeforeAll
    static void startSimulator() {
        simulator = UpstreamSimulator.start(0);
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @Test
    void shouldStreamOpenRouterShapedChunksFromProcessingCommentsToDone() throws Exception {
        String body = chat("Hello", "\"stream\":true,\"simulator\":{\"chunks\":5,\"interval_ms\":1}");

        HttpResponse<String> response = post(body);
        List<String> frames = frames(response.body());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/event-stream");
        assertThat(frames).hasSize(2 + 1 + 5 + 3);
        assertThat(frames.subList(0, 2)).containsOnly(": OPENROUTER PROCESSING");
        JsonNode role = data(frames.get(2));
        assertThat(role.path("object").stringValue()).isEqualTo("chat.completion.chunk");
        assertThat(role.path("model").stringValue()).isEqualTo("openai/gpt-4o-mini");
        assertThat(role.at("/choices/0/delta/role").stringValue()).isEqualTo("assistant");
        assertThat(role.at("/choices/0/delta/content").stringValue()).isEmpty();
        assertThat(role.at("/choices/0/finish_reason").isNull()).isTrue();
        for (String frame : frames.subList(3, 8)) {
            assertThat(data(frame).at("/choices/0/delta/content").stringValue()).isNotEmpty();
            assertThat(data(frame).path("id").stringValue()).isEqualTo(role.path("id").stringValue());
        }
        JsonNode finish = data(frames.get(8));
        assertThat(finish.at("/choices/0/finish_reason").stringValue()).isEqualTo("stop");
        assertThat(finish.at("/choices/0/delta/content").stringValue()).isEmpty();
        JsonNode usage = data(frames.get(9));
        assertThat(usage.path("choices").isArray()).isTrue();
        assertThat(usage.path("choices").isEmpty()).isTrue();
        assertThat(usage.at("/usage/prompt_tokens").intValue()).isEqualTo(1);
        assertThat(usage.at("/usage/completion_tokens").intValue()).isEqualTo(5);
        assertThat(usage.at("/usage/total_tokens").intValue()).isEqualTo(6);
        assertThat(usage.at("/usage/cost").isNumber()).isTrue();
        assertThat(frames.get(10)).isEqualTo("data: [DONE]");
    }

    @Test
    void shouldStreamDeltasThatConcatenateToTheExpectedReplyByteForByte() throws Exception {
        String body = chat("Tell me about rivers", "\"stream\":true,\"simulator\":{\"interval_ms\":0}");

        List<String> deltas = contentDeltas(frames(post(body).body()));

        SimulatedReply expected = SimulatedReply.forRequest(body);
        assertThat(deltas).isEqualTo(expected.deltas()).hasSize(SimulatorOptions.DEFAULT_CHUNKS);
        assertThat(String.join("", deltas)).isEqualTo(expected.content()).contains("é", "👋", "\n");
    }

    @Test
    void shouldPaceContentChunksAndSendEachAsItsOwnWrite() {
        String body = chat("Slowly", "\"stream\":true,\"simulator\":{\"chunks\":6,\"interval_ms\":150}");

        List<TimedFrame> frames = timedFrames(body);

        List<TimedFrame> content = frames.subList(3, 9);
        long spreadMillis = TimeUnit.NANOSECONDS.toMillis(content.get(5).arrivedAt() - content.get(0).arrivedAt());
        // Five intervals of 150 ms separate the first and the last delta; a buffered body would arrive at once.
        assertThat(spreadMillis).isBetween(600L, 5_000L);
        assertThat(contentDeltas(frames.stream().map(TimedFrame::text).toList()))
                .isEqualTo(SimulatedReply.forRequest(body).deltas());
    }

    @Test
    void shouldTakeLengthAndPaceFromHeaders() throws Exception {
        String body = chat("Headers", "\"stream\":true");
        HttpRequest request = request(body)
                .header("X-Simulator-Chunks", "3")
                .header("X-Simulator-Interval-Ms", "0")
                .header("X-Simulator-Chunk-Chars", "2")
                .build();

        List<String> deltas = contentDeltas(frames(CLIENT.send(request, HttpResponse.BodyHandlers.ofString()).body()));

        assertThat(deltas).containsExactly("Hé", "ll", "o ");
    }

    @Test
    void shouldStreamALiteralReplyWithLineBreaksAndControlCharactersAsEscapedJsonInOneDataLineEach() throws Exception {
        String body = chat("Literal", "\"stream\":true,\"simulator\":{\"interval_ms\":0,\"chunk_chars\":3,"
                + "\"reply\":\"one\\rtwo\\nthree\\r\\n\\u2028\\u2029\\u0000end\"}");

        List<String> frames = frames(post(body).body());

        assertThat(frames).allSatisfy(frame -> assertThat(frame).doesNotContain("\r").doesNotContain("\n"));
        assertThat(String.join("", contentDeltas(frames))).isEqualTo("one\rtwo\nthree\r\n\u2028\u2029\u0000end");
    }

    @Test
    void shouldAnswerARequestWithoutStreamWithOneJsonCompletion() throws Exception {
        String body = chat("Plain", "\"simulator\":{\"chunks\":4,\"interval_ms\":0}");

        HttpResponse<String> response = post(body);
        JsonNode completion = JSON.readTree(response.body());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(completion.path("object").stringValue()).isEqualTo("chat.completion");
        assertThat(completion.at("/choices/0/message/content").stringValue())
                .isEqualTo(SimulatedReply.forRequest(body).content());
        assertThat(completion.at("/choices/0/finish_reason").stringValue()).isEqualTo("stop");
        assertThat(completion.at("/usage/completion_tokens").intValue()).isEqualTo(4);
    }

    @Test
    void shouldRefuseWithHttp500WhenAskedTo() throws Exception {
        HttpResponse<String> response = post(chat("x", "\"stream\":true,\"simulator\":{\"fail\":\"http_500\"}"));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(JSON.readTree(response.body()).at("/error/message").stringValue()).isNotBlank();
    }

    @Test
    void shouldSendAnErrorChunkWithoutDoneHalfwayWhenAskedTo() throws Exception {
        String body = chat("x", "\"stream\":true,\"simulator\":{\"chunks\":6,\"interval_ms\":1,\"fail\":\"midstream_error\"}");

        HttpResponse<String> response = post(body);
        List<String> frames = frames(response.body());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(contentDeltas(frames)).isEqualTo(SimulatedReply.forRequest(body).deliveredDeltas()).hasSize(3);
        JsonNode error = data(frames.get(frames.size() - 1));
        assertThat(error.at("/error/message").stringValue()).isEqualTo(CompletionStream.MIDSTREAM_ERROR_MESSAGE);
        assertThat(error.at("/choices/0/finish_reason").stringValue()).isEqualTo("error");
        assertThat(frames).doesNotContain("data: [DONE]");
    }

    @Test
    void shouldDropTheConnectionHalfwayWhenAskedTo() throws IOException {
        String body = chat("x", "\"stream\":true,\"simulator\":{\"chunks\":6,\"interval_ms\":1,\"fail\":\"disconnect\"}");

        ChunkedBody received = postOverASocket(body);

        assertThat(received.complete()).as("the response's last chunk was sent").isFalse();
        assertThat(contentDeltas(frames(received.text()))).isEqualTo(SimulatedReply.forRequest(body).deliveredDeltas());
        assertThat(received.text()).doesNotContain("data: [DONE]");
    }

    @Test
    void shouldAnswer400WithAJsonErrorToABodyItCannotServe() throws Exception {
        HttpResponse<String> badJson = post("{\"messages\": [");
        HttpResponse<String> badOption = post(chat("x", "\"simulator\":{\"chunks\":-3}"));

        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badJson.body()).at("/error/message").stringValue()).contains("JSON");
        assertThat(badOption.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badOption.body()).at("/error/message").stringValue()).contains("chunks");
    }

    @Test
    void shouldListItsModelAndReportHealth() throws Exception {
        HttpResponse<String> models = get("/v1/models");
        HttpResponse<String> health = get("/health");

        assertThat(JSON.readTree(models.body()).at("/data/0/id").stringValue()).isEqualTo("simulator/echo");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void shouldServeManyConcurrentPacedStreamsWithoutAThreadEach() {
        int streams = 100;
        String body = chat("many", "\"stream\":true,\"simulator\":{\"chunks\":10,\"interval_ms\":100}");
        long start = System.nanoTime();

        List<CompletableFuture<HttpResponse<String>>> responses = IntStream.range(0, streams)
                .mapToObj(i -> CLIENT.sendAsync(request(body).build(), HttpResponse.BodyHandlers.ofString()))
                .toList();
        CompletableFuture.allOf(responses.toArray(CompletableFuture[]::new)).join();

        // Each stream takes a second; had each held a thread of the two-core event loop, this would take a minute.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        assertThat(responses).allSatisfy(response -> assertThat(contentDeltas(frames(response.join().body())))
                .isEqualTo(SimulatedReply.forRequest(body).deltas()));
    }

    private static String chat(String userMessage, String extraFields) {
        return "{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"" + userMessage
                + "\"}]," + extraFields + "}";
    }

    private static HttpRequest.Builder request(String body) {
        return HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return CLIENT.send(request(body).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + simulator.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Posts over a plain socket and reads to the end of the connection. The JDK's client is not used here:
     * once a connection drops it may report the failure before the lines it had already received.
     */
    private static ChunkedBody postOverASocket(String body) throws IOException {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("localhost", simulator.port())) {
            socket.setSoTimeout(10_000);
            String request = "POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + content.length + "\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(content);
            byte[] response = socket.getInputStream().readAllBytes();
            String head = new String(response, StandardCharsets.ISO_8859_1);
            assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("transfer-encoding: chunked");
            return ChunkedBody.decode(response, head.indexOf("\r\n\r\n") + 4);
        }
    }

    /** A chunked HTTP body as far as it arrived, and whether its terminating empty chunk did. */
    private record ChunkedBody(String text, boolean complete) {

        static ChunkedBody decode(byte[] response, int start) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            // Chunk sizes count bytes: read as ISO-8859-1, one char is one byte.
            String raw = new String(response, StandardCharsets.ISO_8859_1);
            int position = start;
            while (true) {
                int lineEnd = raw.indexOf("\r\n", position);
                if (lineEnd < 0) {
                    return new ChunkedBody(body.toString(StandardCharsets.UTF_8), false);
                }
                int size = Integer.parseInt(raw.substring(position, lineEnd).trim(), 16);
                if (size == 0) {
                    return new ChunkedBody(body.toString(StandardCharsets.UTF_8), true);
                }
                int dataStart = lineEnd + 2;
                int taken = Math.min(size, response.length - dataStart);
                body.write(response, dataStart, taken);
                position = dataStart + size + 2;
                if (taken < size) {
                    return new ChunkedBody(body.toString(StandardCharsets.UTF_8), false);
                }
            }
        }
    }

    /** The events of an SSE body, each as its lines joined by LF, without the blank line that ends it. */
    private static List<String> frames(String body) {
        return Stream.of(body.split("\n\n")).filter(frame -> !frame.isBlank()).toList();
    }

    private static List<TimedFrame> timedFrames(String body) {
        List<TimedFrame> frames = new ArrayList<>();
        try (Stream<String> lines = CLIENT.send(request(body).build(), HttpResponse.BodyHandlers.ofLines()).body()) {
            StringBuilder frame = new StringBuilder();
            Iterator<String> iterator = lines.iterator();
            while (iterator.hasNext()) {
                String line = iterator.next();
                if (line.isEmpty()) {
                    frames.add(new TimedFrame(frame.toString(), System.nanoTime()));
                    frame.setLength(0);
                } else {
                    frame.append(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return frames;
    }

    private static JsonNode data(String frame) {
        assertThat(frame).startsWith("data: ");
        return JSON.readTree(frame.substring("data: ".length()));
    }

    /** The content of every chunk that carries text, in order. */
    private static List<String> contentDeltas(List<String> frames) {
        return frames.stream()
                .filter(frame -> frame.startsWith("data: {"))
                .map(UpstreamSimulatorTest::data)
                .map(chunk -> chunk.at("/choices/0/delta/content").asString(""))
                .filter(content -> !content.isEmpty())
                .toList();
    }

    private record TimedFrame(String text, long arrivedAt) {
    }
}
