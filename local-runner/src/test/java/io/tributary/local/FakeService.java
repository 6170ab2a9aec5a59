package io.tributary.local;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for a Spring Boot service, run by the tests as a real process from a jar: it serves
 * {@code /actuator/health} on {@code SERVER_PORT}. Environment variables make it misbehave:
 * {@code FAKE_START_DELAY_MS} (time before it serves), {@code FAKE_EXIT_CODE} (exit at once),
 * {@code FAKE_STATUS} (health status), {@code FAKE_STUCK_ON_STOP} (a shutdown hook that never returns).
 * Its health body echoes {@code FAKE_GREETING}, so a test sees the environment it was given.
 */
public final class FakeService {

    static final String STARTED = "fake service started with args ";
    static final String STOPPED_GRACEFULLY = "fake service shutdown hook ran";
    static final String STDIN_AT_END = "fake service saw the end of standard input";

    private FakeService() {
    }

    public static void main(String[] args) throws Exception {
        String exitCode = System.getenv("FAKE_EXIT_CODE");
        if (exitCode != null) {
            System.out.println("boom: the fake service cannot start");
            System.exit(Integer.parseInt(exitCode));
        }
        Thread.sleep(Long.parseLong(System.getenv().getOrDefault("FAKE_START_DELAY_MS", "0")));
        HttpServer server = HttpServer.create(new InetSocketAddress(Integer.parseInt(System.getenv("SERVER_PORT"))), 0);
        String body = "{\"status\":\"" + System.getenv().getOrDefault("FAKE_STATUS", "UP") + "\",\"greeting\":\""
                + System.getenv().getOrDefault("FAKE_GREETING", "") + "\"}";
        server.createContext("/actuator/health", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(body.contains("\"UP\"") ? 200 : 503, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        boolean stuck = Boolean.parseBoolean(System.getenv("FAKE_STUCK_ON_STOP"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println(STOPPED_GRACEFULLY);
            System.out.flush();
            if (stuck) {
                sleepForever();
            }
        }));
        System.out.println(STARTED + Arrays.toString(args));
        readStandardInput(System.in);
        Thread.sleep(Long.MAX_VALUE);
    }

    private static void sleepForever() {
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void readStandardInput(InputStream in) throws IOException {
        if (in.read() == -1) {
            System.out.println(STDIN_AT_END);
        }
        System.out.flush();
    }
}
