package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import io.tributary.ingest.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;

/** Bad requests answer a 4xx with a JSON {@code {"error": ...}} that names the mistake; none is a 500, none reaches upstream. */
class StreamRequestValidationIT extends AbstractIngestIT {

    private static final String MESSAGES = "\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]";

    @Test
    void shouldAnswer401WithJsonWithoutAToken() {
        client().post().uri("/api/openrouter/stream")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body("m", background("t", "m")))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody().jsonPath("$.error").isEqualTo("A valid bearer token is required");
    }

    @Test
    void shouldAnswer401ForATokenSignedWithAnotherSecret() {
        client().post().uri("/api/openrouter/stream")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.sign("mallory", "another-secret-of-at-least-32-bytes!!"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body("m", background("t", "m")))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.error").exists();
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("{\"model\": \"m\", " + MESSAGES + ", \"_background\": true, \"_messageId\": \"m\"}",
                        "_threadId is required in background mode"),
                Arguments.of("{\"model\": \"m\", " + MESSAGES + ", \"_background\": true, \"_threadId\": \"t\", \"_messageId\": \"  \"}",
                        "_messageId is required in background mode"),
                Arguments.of("{\"model\": \"m\", " + MESSAGES + ", \"_background\": true, \"_threadId\": 7, \"_messageId\": \"m\"}",
                        "_threadId must be a string"),
                Arguments.of("{\"model\": \"m\", " + MESSAGES + ", \"_background\": \"yes\"}", "_background must be a boolean"),
                Arguments.of("{\"model\": 42, " + MESSAGES + "}", "model must be a string"),
                Arguments.of("{\"model\": \"m\", " + MESSAGES + ", \"stream\": \"yes\"}", "stream must be a boolean"),
                Arguments.of("{\"model\": \"m\"}", "messages must be a non-empty array"),
                Arguments.of("{\"model\": \"m\", \"messages\": \"Hi\"}", "messages must be a non-empty array"),
                Arguments.of("{\"model\": \"m\", \"messages\": []}", "messages must be a non-empty array"),
                Arguments.of("{\"model\": \"m\", \"messages\": [\"Hi\"]}", "Every entry of messages must be an object"),
                Arguments.of("[1, 2]", "The body must be a JSON object"),
                Arguments.of("\"text\"", "The body must be a JSON object"),
                Arguments.of("{\"model\": \"m\", " + MESSAGES, "Malformed JSON body"),
                Arguments.of("not json at all", "Malformed JSON body"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("badBodies")
    void shouldAnswer400NamingTheMistake(String body, String error) {
        client().post().uri("/api/openrouter/stream")
                .header(HttpHeaders.AUTHORIZATION, bearer("carol"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody().jsonPath("$.error").isEqualTo(error);
    }

    @Test
    void shouldAnswer400ForAnEmptyBody() {
        client().post().uri("/api/openrouter/stream")
                .header(HttpHeaders.AUTHORIZATION, bearer("carol"))
                .contentType(MediaType.APPLICATION_JSON)
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").isEqualTo("A JSON body is required");
    }

    @Test
    void shouldAnswer413ForABodyOverTheLimitWithContentLength() {
        String huge = body("m", "\"padding\": \"" + "p".repeat(1_200_000) + "\"");

        client().post().uri("/api/openrouter/stream")
                .header(HttpHeaders.AUTHORIZATION, bearer("carol"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(huge)
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.error").isEqualTo("Request body is too large");
    }

    @Test
    void shouldAnswer413ForAChunkedBodyOverTheLimit() {
        DefaultDataBufferFactory buffers = DefaultDataBufferFactory.sharedInstance;
        byte[] piece = ("\"" + "p".repeat(64 * 1024) + "\", ").getBytes(StandardCharsets.UTF_8);
        Flux<DataBuffer> chunked = Flux.concat(
                Flux.just(buffers.wrap("{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}], \"padding\": [".getBytes(StandardCharsets.UTF_8))),
                Flux.range(0, 20).map(i -> buffers.wrap(piece)),
                Flux.just(buffers.wrap("\"end\"]}".getBytes(StandardCharsets.UTF_8))));

        client().post().uri("/api/openrouter/stream")
                .header(HttpHeaders.AUTHORIZATION, bearer("carol"))
                .contentType(MediaType.APPLICATION_JSON)
                .body(chunked, DataBuffer.class)
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.error").isEqualTo("Request body is too large");
    }

    @Test
    void shouldAnswerAWrongMethodWithJsonNot500() {
        byte[] body = client().get().uri("/api/openrouter/stream")
                .header(HttpHeaders.AUTHORIZATION, bearer("carol"))
                .exchange()
                .expectStatus().isEqualTo(405)
                .expectBody().returnResult().getResponseBodyContent();

        assertThat(JSON.readTree(body).has("error")).isTrue();
    }
}
