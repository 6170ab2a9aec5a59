package io.tributary.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recorded transcript comes back byte for byte for its model name; an unknown one is a 404. */
class TranscriptReplayTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Test
    void shouldReplayATranscriptByteForByteAndRefuseAnUnknownOne(@TempDir Path folder) throws Exception {
        byte[] recorded = ": OPENROUTER PROCESSING\r\n\r\ndata: {\"choices\":[{\"delta\":{\"content\":\"h\u00e9\"}}]}\r\n\r\ndata: [DONE]\r\n\r\n"
                .getBytes(StandardCharsets.UTF_8);
        Files.write(folder.resolve("greeting.sse"), recorded);
        Files.writeString(folder.resolve("notes.md"), "not a transcript");

        try (UpstreamSimulator simulator = UpstreamSimulator.start("localhost", 0, Clock.systemUTC(), ChunkListener.NONE,
                Transcripts.from(folder))) {
            HttpResponse<byte[]> replayed = post(simulator, "transcript/greeting");
            HttpResponse<byte[]> unknown = post(simulator, "transcript/notes");

            assertThat(replayed.statusCode()).isEqualTo(200);
            assertThat(replayed.headers().firstValue("content-type")).hasValue("text/event-stream");
            assertThat(replayed.body()).isEqualTo(recorded);
            assertThat(unknown.statusCode()).isEqualTo(404);
        }
    }

    private static HttpResponse<byte[]> post(UpstreamSimulator simulator, String model) throws Exception {
        String body = "{\"model\":\"" + model + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
        return CLIENT.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
