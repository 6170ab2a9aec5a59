package io.tributary.bench.streams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Durable Streams reference server ({@code @durable-streams/server}, in memory) as a child process:
 * {@code node conformance/reference-server.mjs PORT}, which prints {@code READY http://127.0.0.1:PORT} once
 * it listens. Its output goes to a log file. Stopped on {@link #close()}, and by a shutdown hook if the
 * bench is stopped first, so that no node process outlives the bench.
 */
final class ReferenceServer implements AutoCloseable {

    static final String SCRIPT = "reference-server.mjs";
    private static final String READY = "READY ";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final Process process;
    private final String baseUrl;
    private final Thread stopOnExit;

    private ReferenceServer(Process process, String baseUrl, Thread stopOnExit) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.stopOnExit = stopOnExit;
    }

    /**
     * Refuses, before anything starts, a project without the script or its installed packages.
     *
     * @param conformance the project's {@code conformance} folder
     */
    static void check(Path conformance) {
        if (!Files.isRegularFile(conformance.resolve(SCRIPT))) {
            throw new IllegalArgumentException("The reference server needs " + conformance.resolve(SCRIPT));
        }
        if (!Files.isDirectory(conformance.resolve("node_modules").resolve("@durable-streams").resolve("server"))) {
            throw new IllegalArgumentException("The reference server's packages are not installed: run "
                    + "'cd " + conformance + " && npm ci'");
        }
    }

    /**
     * Starts the server on a free port and waits until it listens.
     *
     * @param conformance the project's {@code conformance} folder
     * @param log where its output goes
     */
    static ReferenceServer start(Path conformance, Path log) throws IOException, InterruptedException {
        check(conformance);
        Process process = new ProcessBuilder(List.of("node", SCRIPT, Integer.toString(freePort())))
                .directory(conformance.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Thread stopOnExit = new Thread(() -> stop(process), "reference-server-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        ReferenceServer server = new ReferenceServer(process, awaitReady(process, log), stopOnExit);
        System.out.println("reference: " + server.baseUrl + " (node " + process.pid() + ", log " + log + ")");
        return server;
    }

    private static String awaitReady(Process process, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.startsWith(READY)) {
                    return line.substring(READY.length()).strip();
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("The reference server exited with " + process.exitValue() + ": "
                        + Files.readString(log, StandardCharsets.UTF_8).strip());
            }
            Thread.sleep(50);
        }
        stop(process);
        throw new IllegalStateException("The reference server was not ready within " + START_TIMEOUT.toSeconds()
                + " s; see " + log);
    }

    String baseUrl() {
        return baseUrl;
    }

    @Override
    public void close() {
        stop(process);
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: the hook runs, and stops nothing more.
        }
    }

    /** SIGTERM, which the script answers by closing its server within a second; SIGKILL if it does not. */
    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** A port free now; the server binds it a moment later (if another process took it, the start fails). */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
