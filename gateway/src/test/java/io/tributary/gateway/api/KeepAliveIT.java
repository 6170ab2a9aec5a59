package io.tributary.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.tributary.gateway.support.ApiCalls;
import io.tributary.gateway.support.RunningGateway;
import io.tributary.gateway.support.SharedBroker;
import io.tributary.gateway.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;

/**
 * One keep-alive connection, as browsers and pooled clients use it: a request answered off the event loop
 * (a mute, answered once the replica has read it back) followed at once by one answered on it (a GET), then
 * a third request. Every request must be answered, whatever the order in which the server finished the first
 * two.
 */
class KeepAliveIT {

    private static RunningGateway gateway;

    @BeforeAll
    static void start() {
        gateway = RunningGateway.start(SharedBroker.bootstrapServers(), Map.of());
        new ApiCalls(gateway.port()).awaitHealthy();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @RepeatedTest(3)
    void shouldAnswerEveryRequestOfAKeepAliveConnectionAfterAnAsynchronousAnswer() throws IOException {
        String token = Tokens.forUser("user-" + UUID.randomUUID());
        String body = "{\"muted\": true}";
        String put = "PUT /api/threads/t-1/mute HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
        String get = "GET /api/threads/t-1/mute HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                + "\r\n\r\n";
        try (Socket socket = new Socket("localhost", gateway.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            // The second request reaches the gateway before it has finished with the first.
            out.write((put + get).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            assertThat(readResponse(in)).startsWith("HTTP/1.1 200");
            assertThat(readResponse(in)).startsWith("HTTP/1.1 200");

            out.write(get.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String third;
            try {
                third = readResponse(in);
            } catch (SocketTimeoutException e) {
                third = "no answer within 5 s";
            }
            assertThat(third).startsWith("HTTP/1.1 200");
        }
    }

    /** One response with a Content-Length or chunked body; returns the head and the body. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + head);
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        String lower = text.toLowerCase(Locale.ROOT);
        int at = lower.indexOf("content-length:");
        if (at >= 0) {
            int length = Integer.parseInt(lower.substring(at + 15, lower.indexOf("\r\n", at)).trim());
            return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }
        StringBuilder body = new StringBuilder();
        while (true) {
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    throw new IOException("closed in a chunk");
                }
                line.append((char) b);
            }
            int size = Integer.parseInt(line.toString().trim(), 16);
            body.append(new String(in.readNBytes(size), StandardCharsets.UTF_8));
            in.readNBytes(2);
            if (size == 0) {
                return text + body;
            }
        }
    }
}
