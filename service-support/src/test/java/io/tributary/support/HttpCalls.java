package io.tributary.support;

import java.util.function.Consumer;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.WebClient;

/** Real HTTP calls to the test application, answering status, headers and body. */
final class HttpCalls {

    record Answer(int status, HttpHeaders headers, String body) {
    }

    private final WebClient http = WebClient.create();
    private final int port;

    HttpCalls(int port) {
        this.port = port;
    }

    /** A GET with the token as bearer header; a null token sends none. */
    Answer get(String path, String token) {
        return call(HttpMethod.GET, path, headers -> {
            if (token != null) {
                headers.setBearerAuth(token);
            }
        });
    }

    Answer call(HttpMethod method, String path, Consumer<HttpHeaders> headers) {
        return http.method(method).uri("http://localhost:" + port + path)
                .headers(headers)
                .exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
                        .map(body -> new Answer(response.statusCode().value(), response.headers().asHttpHeaders(), body)))
                .block();
    }
}
