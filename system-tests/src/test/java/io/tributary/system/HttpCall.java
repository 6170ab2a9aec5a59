package io.tributary.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * One HTTP request of any shape over a real socket, built the way a hostile or a browser client would
 * send it: any method, any headers, a bearer token or none, any body. The answer is read whole, so it
 * suits every answer but an open stream (a test that expects an error from a stream endpoint gets the
 * error's JSON at once; a stream that wrongly opens fails it at the timeout).
 */
final class HttpCall {

    /**
     * HTTP/1.1 as browsers speak to these services: the JDK client's default HTTP/2 would try an {@code h2c}
     * upgrade on each new connection, a path the services never see in production.
     */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final String method;
    private final String url;
    private final HttpRequest.Builder request;
    private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

    private HttpCall(String method, String url) {
        this.method = method;
        this.url = url;
        this.request = HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT);
    }

    static HttpCall get(String url) {
        return new HttpCall("GET", url);
    }

    static HttpCall post(String url) {
        return new HttpCall("POST", url);
    }

    static HttpCall put(String url) {
        return new HttpCall("PUT", url);
    }

    static HttpCall delete(String url) {
        return new HttpCall("DELETE", url);
    }

    static HttpCall options(String url) {
        return new HttpCall("OPTIONS", url);
    }

    /** {@code Authorization: Bearer <token>}; a null token sends no header at all. */
    HttpCall bearer(@Nullable String token) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return this;
    }

    HttpCall header(String name, String value) {
        request.header(name, value);
        return this;
    }

    /** A body sent as {@code application/json}, whatever it holds. */
    HttpCall json(String json) {
        request.header("Content-Type", "application/json");
        body = HttpRequest.BodyPublishers.ofString(json);
        return this;
    }

    /** Raw bytes as {@code application/json}: for bodies that are not even valid UTF-8. */
    HttpCall jsonBytes(byte[] bytes) {
        request.header("Content-Type", "application/json");
        body = HttpRequest.BodyPublishers.ofByteArray(bytes);
        return this;
    }

    /**
     * A JSON body sent in chunks with no {@code Content-Length}, so that a server cannot refuse it by
     * its header alone and must count what it reads.
     */
    HttpCall chunkedJson(String json) {
        request.header("Content-Type", "application/json");
        body = HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofString(json));
        return this;
    }

    HttpResponse<String> send() throws IOException, InterruptedException {
        try {
            return HTTP.send(request.method(method, body).build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            // Name the request that got no answer (its path only: a query may carry a token).
            HttpTimeoutException named = new HttpTimeoutException(method + " " + URI.create(url).getPath()
                    + " got no answer within " + REQUEST_TIMEOUT);
            named.initCause(e);
            throw named;
        }
    }

    /** The answer and how long it took, for the tests that an answer gives nothing away by its timing. */
    Timed sendTimed() throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<String> response = send();
        return new Timed(response, Duration.ofNanos(System.nanoTime() - start));
    }

    @Override
    public String toString() {
        return method + " " + url;
    }

    record Timed(HttpResponse<String> response, Duration took) {
    }
}
