package io.tributary.ingest.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.tributary.ingest.testing.ScriptedUpstream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The upstream client against a real HTTP server (no broker): which key it sends, how it reports no answer. */
class UpstreamClientTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ScriptedUpstream UPSTREAM = ScriptedUpstream.start();

    @AfterAll
    static void stop() {
        UPSTREAM.close();
    }

    @Test
    void shouldSendTheCallersKeyOnlyWhereAllowed() {
        assertThat(authorizationSent(client(UPSTREAM.baseUrl(), "server-key", true), "client-key")).isEqualTo("Bearer client-key");
        assertThat(authorizationSent(client(UPSTREAM.baseUrl(), "server-key", true), " ")).isEqualTo("Bearer server-key");
        assertThat(authorizationSent(client(UPSTREAM.baseUrl(), "server-key", false), "client-key")).isEqualTo("Bearer server-key");
        assertThat(authorizationSent(client(UPSTREAM.baseUrl(), "", false), null)).isNull();
    }

    @Test
    void shouldReportAnUpstreamThatRefusesConnectionsAsUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        UpstreamClient client = client("http://127.0.0.1:" + closedPort + "/v1", "", false);

        Mono<UpstreamResponse> response = client.open(new UpstreamRequest(body("any"), null));

        assertThatThrownBy(() -> response.block(Duration.ofSeconds(10)))
                .isInstanceOf(UpstreamUnreachableException.class)
                .hasMessageContaining("unreachable");
    }

    @Test
    void shouldHandOverTheStreamBytesUntouched() {
        String model = "test/bytes";
        byte[] body = "data: caf\u00e9 \uD83D\uDC4B\r\n\r\n".getBytes(StandardCharsets.UTF_8);
        UPSTREAM.on(model, ScriptedUpstream.stream(body, 1, 2));

        UpstreamResponse response = client(UPSTREAM.baseUrl(), "", false).open(new UpstreamRequest(body(model), null))
                .block(Duration.ofSeconds(10));

        assertThat(response).isInstanceOf(UpstreamResponse.Streaming.class);
        assertThat(response.contentType()).isEqualTo("text/event-stream");
        byte[] received = ((UpstreamResponse.Streaming) response).body()
                .reduce(new byte[0], UpstreamClientTest::concat)
                .block(Duration.ofSeconds(10));
        assertThat(received).isEqualTo(body);
    }

    @Test
    void shouldNeverCutABodyInsideASurrogatePair() {
        String text = "a".repeat(1999) + "\uD83D\uDC4B" + "b";

        assertThat(UpstreamClient.cut(text, 2000)).isEqualTo("a".repeat(1999));
        assertThat(UpstreamClient.cut("short", 2000)).isEqualTo("short");
    }

    private static @Nullable String authorizationSent(UpstreamClient client, @Nullable String clientKey) {
        String model = "test/key-" + System.nanoTime();
        UPSTREAM.on(model, ScriptedUpstream.stream("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8)));
        UpstreamResponse response = client.open(new UpstreamRequest(body(model), clientKey)).block(Duration.ofSeconds(10));
        assertThat(response).isInstanceOf(UpstreamResponse.Streaming.class);
        ((UpstreamResponse.Streaming) response).body().blockLast(Duration.ofSeconds(10));
        return UPSTREAM.requests(model).get(0).authorization();
    }

    private static UpstreamClient client(String baseUrl, String apiKey, boolean allowClientKey) {
        UpstreamProperties properties = new UpstreamProperties(baseUrl, apiKey, allowClientKey, Duration.ofSeconds(2), 10);
        return new UpstreamClient(WebClient.create(), properties, JSON);
    }

    private static ObjectNode body(String model) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        body.put("stream", true);
        return body;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = new byte[a.length + b.length];
        System.arraycopy(a, 0, joined, 0, a.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
