package io.tributary.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

/** The benchmark's hook: a listener told of each content chunk as the simulator writes it, over real HTTP. */
class ChunkListenerTest {

    private record Written(String prompt, int index, long nanoTime) {
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
}
