package io.tributary.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The benchmark's hooks: a listener told of each content chunk as the simulator writes it, and of a
 * stream whose client went away before its end, over real HTTP.
 */
class ChunkListenerTest {

    private record Written(String prompt, int index, long nanoTime) {
    }

    /** Records every call of both hooks. */
    private static final class Recording implements ChunkListener {
        final List<Written> written = new CopyOnWriteArrayList<>();
        final List<String> closed = new CopyOnWriteArrayList<>();
        final CompletableFuture<Long> firstClosedAt = new CompletableFuture<>();

        @Override
        public void chunkWritten(String prompt, int index, long nanoTime) {
            written.add(new Written(prompt, index, nanoTime));
        }

        @Override
        public void streamClosed(String prompt, long nanoTime) {
            closed.add(prompt);
            firstClosedAt.complete(nanoTime);
        }
    }

    @Test
    void shouldTellTheListenerOfEveryContentChunkInOrderBeforeTheClientHasIt() throws Exception {
        List<Written> written = new CopyOnWriteArrayList<>();
        try (UpstreamSimulator simulator = UpstreamSimulator.start("127.0.0.1", 0, Clock.systemUTC(),
                (prompt, index, nanoTime) -> written.add(new Written(prompt, index, nanoTime)))) {
            String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"job-7\"}],\"stream\":true,"
                    + "\"simulator\":{\"chunks\":4,\"interval_ms\":1}}";
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/chat/completions"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            long received = System.nanoTime();

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(written).extracting(Written::prompt).containsOnly("job-7");
            assertThat(written).extracting(Written::index).containsExactly(0, 1, 2, 3);
            assertThat(written).extracting(Written::nanoTime).isSorted().allMatch(time -> time <= received);
        }
    }

    @Test
    void shouldTellTheListenerWhenTheClientClosesTheConnectionBeforeTheReplyEnded() throws Exception {
        Recording listener = new Recording();
        try (UpstreamSimulator simulator = UpstreamSimulator.start("127.0.0.1", 0, Clock.systemUTC(), listener)) {
            String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"job-8\"}],\"stream\":true,"
                    + "\"simulator\":{\"chunks\":1000,\"interval_ms\":10}}";
            long closedByClient;
            try (Socket socket = new Socket("127.0.0.1", simulator.port())) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
                readUntilContains(socket.getInputStream(), "chat.completion.chunk");
                assertThat(listener.closed).isEmpty();
                closedByClient = System.nanoTime();
            }

            long toldAt = listener.firstClosedAt.get(5, TimeUnit.SECONDS);
            assertThat(listener.closed).containsExactly("job-8");
            assertThat(toldAt).isGreaterThanOrEqualTo(closedByClient);
            assertThat(listener.written.size()).isLessThan(1000);
        }
    }

    @Test
    void shouldNotTellTheListenerOfAClosedStreamWhenTheReplyWasSentToItsEnd() throws Exception {
        Recording listener = new Recording();
        try (UpstreamSimulator simulator = UpstreamSimulator.start("127.0.0.1", 0, Clock.systemUTC(), listener)) {
            String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"job-9\"}],\"stream\":true,"
                    + "\"simulator\":{\"chunks\":3,\"interval_ms\":1}}";
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/chat/completions"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.body()).contains("[DONE]");
            assertThat(listener.written).hasSize(3);
            // The other test shows the hook comes within milliseconds of a close; give a wrong one time to show.
            Thread.sleep(200);
            assertThat(listener.closed).isEmpty();
        }
    }

    private static void readUntilContains(InputStream in, String text) throws IOException {
        StringBuilder read = new StringBuilder();
        byte[] buffer = new byte[4096];
        while (read.indexOf(text) < 0) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new EOFException("The stream ended before " + text);
            }
            read.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
    }
}
