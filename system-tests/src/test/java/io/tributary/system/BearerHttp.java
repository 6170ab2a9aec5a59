package io.tributary.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/** Plain HTTP requests of one user (their bearer token) over real sockets; the answers are left to the caller to judge. */
final class BearerHttp {

    /**
     * HTTP/1.1 as browsers speak to these services: the JDK client's default HTTP/2 would try an {@code h2c}
     * upgrade on each new connection, a path the services never see in production.
     */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** Far above any answer of a healthy service; a hung request fails the test instead of hanging the suite. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final String token;

    BearerHttp(String token) {
        this.token = token;
    }

    String token() {
        return token;
    }

    HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return send(url, "GET", null);
    }

    /** A GET whose body is kept as the bytes that came. */
    HttpResponse<byte[]> getBytes(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> post(String url) throws IOException, InterruptedException {
        return send(url, "POST", null);
    }

    HttpResponse<String> postJson(String url, String json) throws IOException, InterruptedException {
        return send(url, "POST", json);
    }

    /** A POST of JSON with one more header, such as a W3C {@code traceparent}. */
    HttpResponse<String> postJson(String url, String json, String header, String value)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token).header(header, value)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> putJson(String url, String json) throws IOException, InterruptedException {
        return send(url, "PUT", json);
    }

    HttpResponse<String> delete(String url) throws IOException, InterruptedException {
        return send(url, "DELETE", null);
    }

    private HttpResponse<String> send(String url, String method, @Nullable String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token);
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
